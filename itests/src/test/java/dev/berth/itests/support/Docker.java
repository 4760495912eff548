package dev.berth.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The docker CLI against one daemon. */
public final class Docker {

    /** The test image: busybox and its links, imported locally (no registry is reachable). */
    public static final String IMAGE = "berth-test/busybox:latest";

    private final String host;

    /**
     * Creates a CLI.
     *
     * @param host the daemon's -H address, or {@code null} for the default daemon
     */
    public Docker(String host) {
        this.host = host;
    }

    /**
     * Runs a docker command.
     *
     * @param args the arguments after {@code docker}
     * @return its result
     */
    public Commands.Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        if (host != null) {
            command.add("-H");
            command.add(host);
        }
        command.addAll(List.of(args));
        return Commands.run(command, 180);
    }

    /**
     * Imports the test image if the daemon lacks it.
     *
     * @throws IOException when it cannot be built
     */
    public void ensureImage() throws IOException {
        if (docker("image", "inspect", IMAGE).exit() == 0) {
            return;
        }
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
        docker("import", tar.toString(), IMAGE).ok();
    }

    /**
     * Returns a container's address on a network.
     *
     * @param container the container
     * @param network the network
     * @param ipv6 which family
     * @return the address
     */
    public String address(String container, String network, boolean ipv6) {
        String field = ipv6 ? "GlobalIPv6Address" : "IPAddress";
        return docker("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\")." + field + "}}",
                container).ok();
    }

    /**
     * Tells whether one container can ping an address.
     *
     * @param container the container
     * @param address the address
     * @return whether an echo reply came back within 2 s
     */
    public boolean ping(String container, String address) {
        return docker("exec", container, "ping", address.contains(":") ? "-6" : "-4", "-c", "1", "-W", "2", address)
                .exit() == 0;
    }

    /**
     * Runs a busybox httpd container that serves a directory on port 80 and logs every request (docker logs).
     *
     * @param name the container's name
     * @param www the directory, mounted at /www
     * @param options further options of docker run: labels, --network, -p ...
     */
    public void httpd(String name, Path www, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "-v", www + ":/www"));
        args.addAll(List.of(options));
        args.addAll(List.of(IMAGE, "httpd", "-f", "-vv", "-p", "80", "-h", "/www"));
        docker(args.toArray(new String[0])).ok();
    }

    /**
     * Removes containers and networks, ignoring those that do not exist.
     *
     * @param containers container names
     * @param networks network names
     */
    public void cleanUp(List<String> containers, List<String> networks) {
        for (String c : containers) {
            docker("rm", "-f", c);
        }
        for (String n : networks) {
            docker("network", "rm", n);
        }
    }
}
