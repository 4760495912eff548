package dev.berth.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dockerd of the test's own, with live restore, on its own socket and directories, so that a test may
 * restart it. It discovers plugins in /run/docker/plugins like every dockerd.
 */
public final class DockerDaemon implements AutoCloseable {

    private final Path root;
    private final String host;
    private final String defaultBridge;
    /** The network namespace it runs in, as another node of a cluster; {@code null}: the host's. */
    private final String netns;
    private Process process;

    private DockerDaemon(Path root, String defaultBridge, String netns) {
        this.root = root;
        this.host = "unix://" + root.resolve("docker.sock");
        this.defaultBridge = defaultBridge;
        this.netns = netns;
    }

    /**
     * Starts a dockerd under {@code /run/berth-e2e-<name>} and {@code /var/lib/berth-e2e-<name>}, without a
     * default bridge.
     *
     * @param name a short name
     * @return the running daemon
     * @throws IOException when it does not come up
     */
    public static DockerDaemon start(String name) throws IOException {
        return start(name, null);
    }

    /**
     * Starts a dockerd with a default bridge network on the given address (as a stock Docker install has one),
     * so that containers run without --network have a network namespace other networks can be plugged into.
     *
     * @param name a short name
     * @param bridgeAddress the default bridge's address and prefix, for example 198.19.251.1/24, or
     *     {@code null} for no default bridge
     * @return the running daemon
     * @throws IOException when it does not come up
     */
    public static DockerDaemon start(String name, String bridgeAddress) throws IOException {
        return startIn(null, name, bridgeAddress);
    }

    /**
     * Starts a dockerd in a network namespace, as the engine of another node of a cluster.
     *
     * @param netns the namespace, which must exist, or {@code null} for the host's
     * @param name a short name
     * @param bridgeAddress the default bridge's address and prefix, or {@code null} for no default bridge
     * @return the running daemon
     * @throws IOException when it does not come up
     */
    public static DockerDaemon startIn(String netns, String name, String bridgeAddress) throws IOException {
        Path root = Path.of("/run/berth-e2e-" + name);
        Files.createDirectories(root);
        DockerDaemon d = new DockerDaemon(root, bridgeAddress, netns);
        d.launch();
        return d;
    }

    /** {@code ip} in this daemon's namespace. */
    private Commands.Result ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            command.addAll(List.of("-n", netns));
        }
        command.addAll(List.of(args));
        return Commands.run(command, 30);
    }

    private void launch() throws IOException {
        Path dataRoot = Path.of("/var/lib/berth-e2e-" + root.getFileName().toString().substring("berth-e2e-".length()));
        String bridgeName = "be2e" + root.getFileName().toString().substring("berth-e2e-".length());
        List<String> command = new ArrayList<>();
        if (netns != null) {
            command.addAll(List.of("nsenter", "--net=/run/netns/" + netns));
        }
        command.addAll(List.of("dockerd", "--live-restore", "--storage-driver=vfs",
                "--iptables=false", "--ip6tables=false", "-H", host,
                "--data-root", dataRoot.toString(), "--exec-root", root.resolve("exec").toString(),
                "--pidfile", root.resolve("docker.pid").toString()));
        if (defaultBridge == null) {
            command.add("--bridge=none");
        } else {
            // dockerd takes the address of a bridge given with --bridge as the default network's
            ip("link", "add", bridgeName, "type", "bridge");
            ip("addr", "add", defaultBridge, "dev", bridgeName);
            ip("link", "set", bridgeName, "up");
            command.add("--bridge=" + bridgeName);
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("dockerd.log").toFile())).start();
        Deadline.await("dockerd on " + host, Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("dockerd exited; see " + root.resolve("dockerd.log"));
            }
            return cli().docker("info", "--format", "{{.ServerVersion}}").exit();
        }, exit -> exit == 0);
        cli().ensureImage();
    }

    /**
     * Returns the daemon's API socket, for calls the CLI cannot make to an older daemon.
     *
     * @return the socket path
     */
    public Path socket() {
        return root.resolve("docker.sock");
    }

    /**
     * Returns a docker CLI for this daemon.
     *
     * @return the CLI
     */
    public Docker cli() {
        return new Docker(host);
    }

    /**
     * Restarts the daemon; running containers survive (live restore).
     *
     * @throws Exception when it does not come back
     */
    public void restart() throws Exception {
        stop();
        launch();
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        if (defaultBridge != null) {
            ip("link", "del", "be2e" + root.getFileName().toString().substring("berth-e2e-".length()));
        }
    }
}
