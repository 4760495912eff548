package dev.berth.squid.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.daemon.api.DaemonProcess;

/**
 * The one place that runs Squid: checks a configuration ({@code squid -k parse}), creates the cache directories
 * ({@code squid -z}), runs Squid in the foreground as Berth's child ({@code squid -N}), reconfigures it
 * ({@code squid -k reconfigure}), stops it and notices when it dies.
 */
final class SquidProcess {

    private static final Logger LOG = LoggerFactory.getLogger(SquidProcess.class);

    /**
     * The outcome of a configuration check.
     *
     * @param valid whether Squid accepts it
     * @param output what Squid objected to (its WARNING, ERROR and FATAL lines)
     */
    record Check(boolean valid, String output) {
    }

    private final Path binary;
    private final Path logDir;
    private final Duration timeout;
    private final Consumer<String> onDeath;
    private DaemonProcess squid;
    private Path config;

    /**
     * @param binary the squid executable
     * @param logDir where Squid's own output goes ({@code squid.out})
     * @param timeout how long one operation may take
     * @param onDeath told, with the log's tail, when Squid exits without being stopped
     */
    SquidProcess(Path binary, Path logDir, Duration timeout, Consumer<String> onDeath) {
        this.binary = binary;
        this.logDir = logDir;
        this.timeout = timeout;
        this.onDeath = onDeath;
    }

    /**
     * Asks Squid whether it accepts a configuration.
     *
     * @param file the configuration
     * @return the verdict
     * @throws IOException when Squid cannot be run in time
     */
    Check check(Path file) throws IOException {
        Run r = run(List.of(binary.toString(), "-k", "parse", "-f", file.toString()));
        String problems = r.output.lines().filter(l -> l.matches(".*\\b(WARNING|ERROR|FATAL)\\b.*"))
                .map(l -> l.replaceFirst("^\\S+ \\S+\\| ", "")).collect(Collectors.joining(" | "));
        return new Check(r.code == 0 && !problems.contains("FATAL"), problems);
    }

    /**
     * Starts Squid and waits until its proxy port accepts connections.
     *
     * @param file the configuration
     * @param pidFile the PID file it names (a leftover Squid of a previous run is ended first)
     * @param cacheDir the disk cache directory, or empty; created with {@code squid -z} when new
     * @param port the proxy's address
     * @throws IOException when Squid does not start; its log says why
     */
    synchronized void start(Path file, Path pidFile, Optional<Path> cacheDir, InetSocketAddress port)
            throws IOException {
        if (running()) {
            throw new IllegalStateException("squid runs already as " + squid.pid());
        }
        endLeftover(pidFile, file);
        if (cacheDir.isPresent() && !Files.isDirectory(cacheDir.get().resolve("00"))) {
            Run z = run(List.of(binary.toString(), "-N", "-z", "-f", file.toString()));
            if (z.code != 0) {
                throw new IOException("squid -z failed with code " + z.code + ": " + tail(z.output));
            }
        }
        DaemonProcess daemon = DaemonProcess.start(List.of(binary.toString(), "-N", "-f", file.toString()),
                logDir.resolve("squid.out"));
        squid = daemon;
        config = file;
        daemon.onUnexpectedExit(this::exited);
        Process p = daemon.process();
        await("Squid to accept connections on " + port, () -> !p.isAlive() || accepts(port));
        if (!p.isAlive()) {
            throw new IOException("squid exited at start with code " + p.exitValue() + ": " + logTail());
        }
        LOG.info("Squid started, PID {}", p.pid());
    }

    /**
     * Makes Squid read its configuration again ({@code squid -k reconfigure}) and waits until it listens again.
     *
     * @param port the proxy's address
     * @throws IOException when Squid refuses or does not come back in time
     */
    synchronized void reconfigure(InetSocketAddress port) throws IOException {
        if (!running()) {
            throw new IOException("squid does not run");
        }
        Path cacheLog = logDir.resolve("cache.log");
        long before = Files.exists(cacheLog) ? Files.size(cacheLog) : 0;
        Run r = run(List.of(binary.toString(), "-k", "reconfigure", "-f", config.toString()));
        if (r.code != 0) {
            throw new IOException("squid -k reconfigure failed with code " + r.code + ": " + tail(r.output));
        }
        await("Squid to accept connections after reconfiguring", () -> since(cacheLog, before)
                .contains("Accepting HTTP Socket connections") && accepts(port));
        LOG.info("Squid reconfigured (PID {})", squid.pid());
    }

    /** Stops Squid (SIGTERM, then SIGKILL after the timeout) and its helpers, and waits until they are gone. */
    synchronized void stop() {
        DaemonProcess p = squid;
        if (p == null) {
            return;
        }
        p.stop(timeout, () -> LOG.warn("Squid {} ignored SIGTERM; killing it", p.pid()));
        squid = null;
        LOG.info("Squid stopped (PID {})", p.pid());
    }

    synchronized boolean running() {
        return squid != null && squid.isAlive();
    }

    synchronized long pid() {
        return running() ? squid.pid() : -1;
    }

    /** The last lines of Squid's cache log, for error messages. */
    String logTail() {
        try {
            return tail(Files.readString(logDir.resolve("cache.log"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return "(no cache.log: " + e.getMessage() + ")";
        }
    }

    /** Ends a Squid that a previous run left behind with this configuration: it would hold the port. */
    private void endLeftover(Path pidFile, Path file) throws IOException {
        Optional<ProcessHandle> old = DaemonProcess.leftover(pidFile, file.toString());
        if (old.isPresent()) {
            LOG.warn("Ending Squid {} left behind by a previous run", old.get().pid());
            DaemonProcess.end(old.get(), timeout, () -> { });
        }
    }

    private void exited(Process p) {
        String why = "squid " + p.pid() + " exited with code " + p.exitValue() + ": " + logTail();
        LOG.error(why);
        onDeath.accept(why);
    }

    private static boolean accepts(InetSocketAddress port) {
        try (Socket s = new Socket()) {
            s.connect(port, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String since(Path file, long offset) {
        try (var ch = Files.newByteChannel(file)) {
            ch.position(offset);
            return new String(Channels.readAll(ch), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
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

    private record Run(int code, String output) {
    }

    private Run run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = readAll(p.getInputStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        return new Run(p.exitValue(), output);
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads a channel to its end. */
    private static final class Channels {
        static byte[] readAll(java.nio.channels.SeekableByteChannel ch) throws IOException {
            return java.nio.channels.Channels.newInputStream(ch).readAllBytes();
        }
    }
}
