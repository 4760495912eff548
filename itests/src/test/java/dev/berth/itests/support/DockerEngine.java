package dev.berth.itests.support;

import java.io.IOException;
import java.util.List;

/** The Docker engine itests/run starts (the default daemon), through the docker CLI. */
public final class DockerEngine {

    /** The test image: busybox and its links, imported locally (no registry is reachable). */
    public static final String IMAGE = Docker.IMAGE;

    private static final Docker DEFAULT = new Docker(null);

    private DockerEngine() {
    }

    /**
     * Fails unless a Docker engine answers, and makes sure the test image exists.
     *
     * @throws IOException when the image cannot be built
     */
    public static void require() throws IOException {
        Commands.Result info = DEFAULT.docker("info", "--format", "{{.ServerVersion}}");
        if (info.exit() != 0) {
            throw new AssertionError("no Docker engine answers; itests/run installs and starts one: " + info.err());
        }
        DEFAULT.ensureImage();
    }

    /**
     * Runs a docker command against the default daemon.
     *
     * @param args the arguments after {@code docker}
     * @return its result
     */
    public static Commands.Result docker(String... args) {
        return DEFAULT.docker(args);
    }

    /**
     * Returns a container's address on a network.
     *
     * @param container the container
     * @param network the network
     * @param ipv6 which family
     * @return the address
     */
    public static String address(String container, String network, boolean ipv6) {
        return DEFAULT.address(container, network, ipv6);
    }

    /**
     * Removes containers and networks, ignoring those that do not exist.
     *
     * @param containers container names
     * @param networks network names
     */
    public static void cleanUp(List<String> containers, List<String> networks) {
        DEFAULT.cleanUp(containers, networks);
    }
}
