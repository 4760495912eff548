package dev.berth.daemon.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.testing.Deadline;

/**
 * Drives real short-lived processes through /bin/sh; each one started here, and what it started, is killed again in
 * {@link #end()}.
 */
public class DaemonProcessTest {

    private static final Duration GRACE = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<ProcessHandle> started = new ArrayList<>();

    @After
    public void end() {
        List<ProcessHandle> all = new ArrayList<>(started);
        started.forEach(h -> all.addAll(h.descendants().toList()));
        all.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    public void aDaemonThatIgnoresSigtermIsKilledAfterTheGraceAndSoIsTheProcessItStarted() throws Exception {
        Path out = temp.getRoot().toPath().resolve("out");
        Path childPid = temp.getRoot().toPath().resolve("child.pid");
        DaemonProcess d = start("trap '' TERM; sleep 60 & echo $! > " + childPid + "; echo ready; wait", out);
        Deadline.until("the trap to be set", WAIT, () -> Files.readString(out).contains("ready"));
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(childPid).strip())).orElseThrow();
        started.add(child);
        AtomicInteger warnings = new AtomicInteger();

        long begin = System.nanoTime();
        d.stop(GRACE, warnings::incrementAndGet);

        assertTrue("waited the grace before SIGKILL", System.nanoTime() - begin >= GRACE.toNanos());
        assertEquals(1, warnings.get());
        assertFalse(d.isAlive());
        assertEquals("killed by SIGKILL", 128 + 9, d.process().exitValue());
        // the sleep it started ignores SIGTERM too: it is killed once it has outlived its own grace
        Deadline.until("the sleep it started to be killed", WAIT, () -> !child.isAlive());
    }

    @Test
    public void aDaemonThatHeedsSigtermIsEndedWithoutSigkill() throws Exception {
        DaemonProcess d = start("exec sleep 60", temp.getRoot().toPath().resolve("out"));
        AtomicInteger warnings = new AtomicInteger();
        d.stop(WAIT, warnings::incrementAndGet);
        assertFalse(d.isAlive());
        assertEquals(0, warnings.get());
        assertEquals("ended by SIGTERM", 128 + 15, d.process().exitValue());
    }

    @Test
    public void anExitByItselfIsReportedAndAStopIsNot() throws Exception {
        AtomicReference<Process> reported = new AtomicReference<>();
        DaemonProcess dies = start("exit 3", temp.getRoot().toPath().resolve("out"));
        dies.onUnexpectedExit(reported::set);
        Process p = Deadline.await("the exit to be reported", WAIT, reported::get, r -> r != null);
        assertEquals(dies.pid(), p.pid());
        assertEquals(3, p.exitValue());

        AtomicReference<Process> stopped = new AtomicReference<>();
        DaemonProcess d = start("exec sleep 60", temp.getRoot().toPath().resolve("out"));
        var handled = d.onUnexpectedExit(stopped::set);
        d.stop(WAIT, () -> { });
        handled.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(null, stopped.get());
    }

    @Test
    public void outputIsAppendedAndStandardInputIsClosed() throws Exception {
        Path out = temp.getRoot().toPath().resolve("out");
        Files.writeString(out, "before\n");
        DaemonProcess d = start("cat; echo after; echo error >&2", out);
        Deadline.until("cat to see the end of its input", WAIT, () -> !d.isAlive());
        assertEquals("before\nafter\nerror\n", Files.readString(out));
    }

    @Test
    public void aLeftoverIsFoundOnlyWhenItsCommandLineCarriesTheMarkAndIsThenEnded() throws Exception {
        Path pidFile = temp.getRoot().toPath().resolve("daemon.pid");
        // the PID file's path, as $0 of the shell, makes it part of the command line
        Process old = new ProcessBuilder("/bin/sh", "-c", "sleep 60; true", pidFile.toString()).start();
        started.add(old.toHandle());
        Deadline.until("the shell to start its sleep", WAIT, () -> old.descendants().findAny().isPresent());
        List<ProcessHandle> sleeps = old.descendants().toList();
        started.addAll(sleeps);
        Files.writeString(pidFile, old.pid() + "\n");

        assertEquals(old.pid(), DaemonProcess.leftover(pidFile, pidFile.toString()).orElseThrow().pid());
        assertTrue("a PID now held by another program", DaemonProcess.leftover(pidFile, "elsewhere.pid").isEmpty());
        assertTrue("the PID file is left in place", Files.exists(pidFile));

        DaemonProcess.end(DaemonProcess.leftover(pidFile, pidFile.toString()).orElseThrow(), GRACE, () -> { });
        assertFalse(old.isAlive());
        Deadline.until("the sleep it left to be ended", WAIT, () -> sleeps.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue("a dead PID", DaemonProcess.leftover(pidFile, pidFile.toString()).isEmpty());

        Files.writeString(pidFile, "not a number");
        assertTrue(DaemonProcess.leftover(pidFile, "").isEmpty());
        Files.delete(pidFile);
        assertTrue(DaemonProcess.leftover(pidFile, "").isEmpty());
    }

    private DaemonProcess start(String script, Path out) throws IOException {
        DaemonProcess d = DaemonProcess.start(List.of("/bin/sh", "-c", script), out);
        started.add(d.process().toHandle());
        return d;
    }
}
