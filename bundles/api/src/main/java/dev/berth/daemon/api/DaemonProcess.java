package dev.berth.daemon.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A daemon that Berth runs in the foreground as its own child process: started with its output appended to a file,
 * watched for an exit nobody asked for, and stopped with SIGTERM, then SIGKILL when it outlives a grace period. The
 * static methods end any process that way and find the one a previous run left behind.
 *
 * <p>Logs nothing: each adapter words its own messages, and {@code beforeKill} lets it warn at the moment a daemon
 * has ignored SIGTERM.
 */
public final class DaemonProcess {

    private final Process process;
    private volatile boolean stopping;

    private DaemonProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts a daemon with its standard input closed and its standard output and error appended to a file.
     *
     * @param command the program and its arguments; the program must stay in the foreground
     * @param output the file its output goes to, created when missing
     * @return the running daemon
     * @throws IOException when it cannot be started
     */
    public static DaemonProcess start(List<String> command, Path output) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        p.getOutputStream().close();
        return new DaemonProcess(p);
    }

    /**
     * Has an action run, on another thread or at once when the daemon is gone already, when the daemon exits
     * without {@link #stop(Duration, Runnable)} having been called.
     *
     * @param action given the exited process, for its PID and exit code
     * @return completes once the exit has been dealt with, whether the action ran or not
     */
    public CompletableFuture<Void> onUnexpectedExit(Consumer<Process> action) {
        return process.onExit().thenAccept(p -> {
            if (!stopping) {
                action.accept(p);
            }
        });
    }

    /**
     * The process itself, for its exit code or to kill it outright without it counting as stopped.
     *
     * @return the process
     */
    public Process process() {
        return process;
    }

    /**
     * The daemon's process ID.
     *
     * @return the PID
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Whether the daemon still runs.
     *
     * @return true while it runs
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the daemon and the processes it started, as {@link #end(ProcessHandle, Duration, Runnable)} does; its
     * exit is then not unexpected.
     *
     * @param grace how long it, and then each process it started, has to exit after SIGTERM
     * @param beforeKill run when the daemon outlives the grace period, just before SIGKILL
     */
    public void stop(Duration grace, Runnable beforeKill) {
        stopping = true;
        end(process.toHandle(), grace, beforeKill);
    }

    /**
     * Ends a process and the processes it started: SIGTERM; SIGKILL when it has not exited within the grace period,
     * then up to the grace period again for it to go; then each process it had started that is still there gets the
     * grace period to follow, or SIGKILL. When interrupted it kills them all at once and returns, the thread's
     * interrupt status set.
     *
     * @param process the process
     * @param grace how long it, and then each process it started, has to exit after SIGTERM
     * @param beforeKill run when the process outlives the grace period, just before SIGKILL
     */
    public static void end(ProcessHandle process, Duration grace, Runnable beforeKill) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!exits(process, grace)) {
                beforeKill.run();
                process.destroyForcibly();
                exits(process, grace);
            }
            for (ProcessHandle d : descendants) {
                if (d.isAlive() && !exits(d, grace)) {
                    d.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The live process that a PID file of a previous run names (Karaf killed, say), provided its command line
     * contains a mark of this daemon's own, such as its socket or configuration file: by now the PID may belong to
     * another program.
     *
     * @param pidFile the PID file, which is left in place
     * @param mark what the process's command line must contain
     * @return the process, or empty when there is no such file, no number in it or no such process
     * @throws IOException when the PID file cannot be read
     */
    public static Optional<ProcessHandle> leftover(Path pidFile, String mark) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String text = Files.readString(pidFile).strip();
        if (!text.matches("\\d{1,10}")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().filter(c -> c.contains(mark)).isPresent());
    }

    private static boolean exits(ProcessHandle process, Duration within) throws InterruptedException {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // the JDK could not watch it; ask directly instead
            return !process.isAlive();
        }
    }
}
