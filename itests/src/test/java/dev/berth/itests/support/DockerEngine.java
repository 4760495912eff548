package dev.berth.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real Docker engine the end-to-end tests drive, through the docker CLI. */
public final class DockerEngine {

    /** The test image: busybox and its links, imported locally (no registry is reachable). */
    public static final String IMAGE = "berth-test/busybox:latest";

    private DockerEngine() {
    }

    /**
     * Fails unless a Docker engine answers, and makes sure the test image exists.
     *
     * @throws IOException when the image cannot be built
     */
    public static void require() throws IOException {
        Commands.Result info = Commands.run("docker", "info", "--format", "{{.ServerVersion}}");
        if (info.exit() != 0) {
            throw new AssertionError("no Docker engine answers; itests/run installs and starts one: " + info.err());
        }
        if (Commands.run("docker", "image", "inspect", IMAGE).exit() != 0) {
            buildImage();
        }
    }

    private static void buildImage() throws IOException {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new AssertionError("/bin/busybox is missing; install busybox-static (itests/run does)");
        }
        Path root = Files.createTempDirectory("berth-image");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : Commands.run("/bin/busybox", "--list").ok().split("\\s+")) {
            if (!applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
        }
        Path tar = root.resolveSibling(root.getFileName() + ".tar");
        Commands.run("tar", "-C", root.toString(), "-cf", tar.toString(), ".").ok();
        Commands.run("docker", "import", tar.toString(), IMAGE).ok();
    }

    /**
     * Runs a docker command.
     *
     * @param args the arguments after {@code docker}
     * @return its result
     */
    public static Commands.Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return Commands.run(command, 180);
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
        String field = ipv6 ? "GlobalIPv6Address" : "IPAddress";
        return docker("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\")." + field + "}}",
                container).ok();
    }

    /**
     * Removes containers and networks, ignoring those that do not exist.
     *
     * @param containers container names
     * @param networks network names
     */
    public static void cleanUp(List<String> containers, List<String> networks) {
        for (String c : containers) {
            docker("rm", "-f", c);
        }
        for (String n : networks) {
            docker("network", "rm", n);
        }
    }
}
