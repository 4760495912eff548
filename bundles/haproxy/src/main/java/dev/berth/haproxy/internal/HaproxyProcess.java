package dev.berth.haproxy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.daemon.api.DaemonProcess;

/**
 * The one place that runs HAProxy: checks a configuration ({@code haproxy -c}), starts the master in master-worker
 * mode ({@code -W -S <master socket> -p <pid file>}), reloads it through the master CLI, stops it and notices when
 * it dies. Works in a directory of its own and needs no root beyond what the configured ports need.
 */
final class HaproxyProcess {

    private static final Logger LOG = LoggerFactory.getLogger(HaproxyProcess.class);
    private static final Pattern MASTER = Pattern.compile("(?m)^(\\d+)\\s+master\\s+(\\d+)\\s+\\[failed: (\\d+)\\]");
    private static final Pattern WORKER = Pattern.compile("(?m)^(\\d+)\\s+worker\\s+(\\d+)\\s");

    /**
     * The outcome of a configuration check.
     *
     * @param valid whether HAProxy accepts it
     * @param output what HAProxy said
     */
    record Check(boolean valid, String output) {
    }

    /**
     * The master's view of its processes ({@code show proc}).
     *
     * @param masterPid the master
     * @param reloads how many reloads succeeded or failed
     * @param failed how many reloads failed
     * @param currentWorkers the workers of the configuration in force (reload count 0)
     */
    record Processes(long masterPid, int reloads, int failed, List<Long> currentWorkers) {
    }

    private final Path binary;
    private final Path dir;
    private final Duration timeout;
    private final Consumer<String> onDeath;
    private DaemonProcess master;

    /**
     * @param binary the haproxy executable
     * @param dir the working directory: sockets, PID file and log go there
     * @param timeout how long one operation may take
     * @param onDeath told, with the log's tail, when the master exits without being stopped
     */
    HaproxyProcess(Path binary, Path dir, Duration timeout, Consumer<String> onDeath) {
        this.binary = binary;
        this.dir = dir;
        this.timeout = timeout;
        this.onDeath = onDeath;
    }

    Path masterSocket() {
        return dir.resolve("master.sock");
    }

    Path logFile() {
        return dir.resolve("haproxy.log");
    }

    /**
     * Asks HAProxy whether it accepts a configuration.
     *
     * @param config the file
     * @return the verdict and HAProxy's words
     * @throws IOException when HAProxy cannot be run or does not answer in time
     */
    Check check(Path config) throws IOException {
        Process p = new ProcessBuilder(binary.toString(), "-c", "-f", config.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = readAll(p.getInputStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("haproxy -c took longer than " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while haproxy checked " + config, e);
        }
        return new Check(p.exitValue() == 0, output.strip());
    }

    /**
     * Starts the master with a configuration and waits until a worker serves it.
     *
     * @param config the file, which reloads read again
     * @throws IOException when HAProxy does not start; the log's tail says why
     */
    synchronized void start(Path config) throws IOException {
        if (running()) {
            throw new IllegalStateException("haproxy runs already as " + master.pid());
        }
        endLeftover();
        Files.deleteIfExists(masterSocket());
        DaemonProcess daemon = DaemonProcess.start(List.of(binary.toString(), "-W", "-S", masterSocket() + ",mode,600",
                "-p", dir.resolve("haproxy.pid").toString(), "-f", config.toString()), logFile());
        master = daemon;
        daemon.onUnexpectedExit(this::exited);
        Process p = daemon.process();
        try {
            await("a worker of the new master", () -> !p.isAlive()
                    || show().filter(s -> !s.currentWorkers().isEmpty()).isPresent());
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        if (!p.isAlive()) {
            throw new IOException("haproxy exited at start with code " + p.exitValue() + ": " + logTail());
        }
        LOG.info("HAProxy started, master PID {}", p.pid());
    }

    /**
     * Reloads the configuration file gracefully: the master starts new workers and old ones finish their
     * connections. Returns once the master counts the reload.
     *
     * @throws IOException when the reload fails or does not finish in time
     */
    synchronized void reload() throws IOException {
        Processes before = show().orElseThrow(() -> new IOException("the HAProxy master does not answer on "
                + masterSocket() + ": " + logTail()));
        command("reload");
        Processes[] after = new Processes[1];
        await("the reload", () -> {
            after[0] = show().orElse(null);
            return after[0] != null && after[0].reloads() > before.reloads() && !after[0].currentWorkers().isEmpty();
        });
        if (after[0].failed() > before.failed()) {
            throw new IOException("HAProxy refused to reload: " + logTail());
        }
        LOG.info("HAProxy reloaded (master PID {}, reload {})", after[0].masterPid(), after[0].reloads());
    }

    /**
     * Stops the master and its workers (SIGTERM, then SIGKILL after the timeout) and waits until they are gone.
     */
    synchronized void stop() {
        DaemonProcess p = master;
        if (p == null) {
            return;
        }
        p.stop(timeout, () -> LOG.warn("HAProxy master {} ignored SIGTERM; killing it", p.pid()));
        master = null;
        LOG.info("HAProxy stopped (master PID {})", p.pid());
    }

    /**
     * Ends a master a previous run left behind (Karaf killed, say) when its PID file names a live HAProxy working in
     * this directory: it would hold the ports.
     */
    private void endLeftover() throws IOException {
        Path pidFile = dir.resolve("haproxy.pid");
        Optional<ProcessHandle> old = DaemonProcess.leftover(pidFile, masterSocket().toString());
        Files.deleteIfExists(pidFile);
        if (old.isPresent()) {
            LOG.warn("Ending HAProxy master {} left behind by a previous run", old.get().pid());
            DaemonProcess.end(old.get(), timeout, () -> { });
        }
    }

    synchronized boolean running() {
        return master != null && master.isAlive();
    }

    /**
     * The master's process ID.
     *
     * @return the PID, or -1 when it does not run
     */
    synchronized long pid() {
        return running() ? master.pid() : -1;
    }

    /**
     * Asks the master for its processes.
     *
     * @return the processes, or empty when the master does not answer
     */
    Optional<Processes> show() {
        String text;
        try {
            text = command("show proc");
        } catch (IOException e) {
            return Optional.empty();
        }
        Matcher m = MASTER.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        List<Long> workers = new ArrayList<>();
        int oldSection = text.indexOf("# old workers");
        Matcher w = WORKER.matcher(oldSection < 0 ? text : text.substring(0, oldSection));
        while (w.find()) {
            workers.add(Long.parseLong(w.group(1)));
        }
        return Optional.of(new Processes(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), workers));
    }

    /** Sends one command to the master CLI, which answers and closes. */
    String command(String command) throws IOException {
        return send(masterSocket(), command);
    }

    /**
     * Sends one command to the worker's runtime API (the admin stats socket {@code admin.sock} of the
     * configuration).
     *
     * @param command for example {@code set server b/s1 addr 10.0.0.5 port 80}
     * @return HAProxy's answer
     * @throws IOException when the socket does not answer
     */
    String runtime(String command) throws IOException {
        return send(dir.resolve("admin.sock"), command);
    }

    private static String send(Path socket, String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.shutdownOutput();
            return readAll(Channels.newInputStream(ch));
        }
    }

    /** The last lines HAProxy wrote, for error messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile());
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void exited(Process p) {
        String why = "haproxy master " + p.pid() + " exited with code " + p.exitValue() + ": " + logTail();
        LOG.error(why);
        onDeath.accept(why);
    }

    private void await(String what, BooleanSupplier condition) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IOException("timed out after " + timeout.toSeconds() + " s waiting for " + what + ": "
                        + logTail());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
