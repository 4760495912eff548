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
    private Process process;

    private DockerDaemon(Path root) {
        this.root = root;
        this.host = "unix://" + root.resolve("docker.sock");
    }

    /**
     * Starts a dockerd under {@code /run/berth-e2e-<name>} and {@code /var/lib/berth-e2e-<name>}.
     *
     * @param name a short name
     * @return the running daemon
     * @throws IOException when it does not come up
     */
    public static DockerDaemon start(String name) throws IOException {
        Path root = Path.of("/run/berth-e2e-" + name);
        Files.createDirectories(root);
        DockerDaemon d = new DockerDaemon(root);
        d.launch();
        return d;
    }

    private void launch() throws IOException {
        Path dataRoot = Path.of("/var/lib/berth-e2e-" + root.getFileName().toString().substring("berth-e2e-".length()));
        List<String> command = new ArrayList<>(List.of("dockerd", "--live-restore", "--storage-driver=vfs",
                "--iptables=false", "--ip6tables=false", "--bridge=none", "-H", host,
                "--data-root", dataRoot.toString(), "--exec-root", root.resolve("exec").toString(),
                "--pidfile", root.resolve("docker.pid").toString()));
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
    }
}
