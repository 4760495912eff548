package dev.berth.frr.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.daemon.api.DaemonProcess;

/**
 * Runs FRR's daemons (zebra, bgpd and, for BFD, bfdd) as children of Berth, each with Berth's own PID file, vty
 * socket directory, zebra socket and log in one directory, optionally inside a named network namespace. The
 * daemons start with an empty configuration; {@link Vtysh#apply(Path)} gives them theirs.
 */
final class FrrDaemons {

    private static final Logger LOG = LoggerFactory.getLogger(FrrDaemons.class);

    private final FrrSettings settings;
    private final Path dir;
    private final Consumer<String> onDeath;
    // read by exit callbacks on other threads, which must not wait for this object's lock
    private final Map<String, DaemonProcess> running = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean stopping;

    FrrDaemons(FrrSettings settings, Consumer<String> onDeath) {
        this.settings = settings;
        this.dir = settings.workDir();
        this.onDeath = onDeath;
    }

    /** The daemons this configuration needs, zebra first. */
    List<String> names() {
        return settings.bfd() ? List.of("zebra", "bfdd", "bgpd") : List.of("zebra", "bgpd");
    }

    /**
     * Prepares the directory, ends daemons a previous run left there, and starts every daemon, waiting until each
     * answers on its vty socket.
     *
     * @throws IOException when a daemon does not start; its log's last lines say why
     */
    synchronized void start() throws IOException {
        if (running()) {
            return;
        }
        stopAll();
        prepareDirectory();
        stopping = false;
        for (String name : names()) {
            endLeftover(name);
            Files.deleteIfExists(dir.resolve(name + ".vty"));
            List<String> command = new ArrayList<>();
            if (!settings.netns().isEmpty()) {
                command.addAll(List.of("ip", "netns", "exec", settings.netns()));
            }
            command.addAll(List.of(settings.frrDir().resolve(name).toString(), "-f", dir.resolve("empty.conf")
                    .toString(), "-i", dir.resolve(name + ".pid").toString(), "-z", dir.resolve("zserv.api")
                    .toString(), "--vty_socket", dir.toString(), "-P", "0", "-u", settings.user(), "-g",
                    settings.user(), "--log", "file:" + dir.resolve(name + ".log")));
            if (name.equals("bfdd")) {
                command.addAll(List.of("--bfdctl", dir.resolve("bfdd.sock").toString()));
            }
            DaemonProcess p = DaemonProcess.start(command, dir.resolve(name + ".out"));
            running.put(name, p);
            p.onUnexpectedExit(e -> exited(name, p, e));
            await(name, p.process());
            LOG.info("FRR {} started, PID {}{}", name, p.pid(), settings.netns().isEmpty() ? ""
                    : " in network namespace " + settings.netns());
        }
    }

    /** Stops every daemon, bgpd first (SIGTERM, SIGKILL after the timeout); zebra takes its routes with it. */
    synchronized void stop() {
        stopping = true;
        stopAll();
    }

    synchronized boolean running() {
        Map<String, DaemonProcess> now = Map.copyOf(running);
        return now.keySet().containsAll(names()) && now.values().stream().allMatch(DaemonProcess::isAlive);
    }

    /**
     * The daemons' process IDs.
     *
     * @return "zebra=1 bgpd=2", empty when none runs
     */
    synchronized String pids() {
        return Map.copyOf(running).entrySet().stream().filter(e -> e.getValue().isAlive())
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(names()::indexOf)))
                .map(e -> e.getKey() + "=" + e.getValue().pid()).collect(Collectors.joining(" "));
    }

    /** The last lines a daemon logged, for error messages. */
    String logTail(String name) {
        try {
            List<String> lines = new ArrayList<>();
            for (String file : List.of(name + ".out", name + ".log")) {
                Path f = dir.resolve(file);
                if (Files.exists(f)) {
                    lines.addAll(Files.readAllLines(f));
                }
            }
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void stopAll() {
        List<String> order = new ArrayList<>(running.keySet());
        java.util.Collections.reverse(order);
        for (String name : order) {
            DaemonProcess p = running.remove(name);
            end(name, p.process().toHandle());
        }
    }

    private void end(String name, ProcessHandle p) {
        if (!p.isAlive()) {
            return;
        }
        DaemonProcess.end(p, settings.timeout(),
                () -> LOG.warn("FRR {} (PID {}) ignored SIGTERM; killing it", name, p.pid()));
        LOG.info("FRR {} stopped (PID {})", name, p.pid());
    }

    /** The daemons drop to the FRR user at once, so it must own the directory and reach it. */
    private void prepareDirectory() throws IOException {
        Files.createDirectories(dir);
        Path parent = dir.getParent();
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(parent);
        if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            // traversal only: listing the runtime directory stays closed to others
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(parent, perms);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(dir.resolve("empty.conf"), "");
        Files.writeString(dir.resolve("vtysh.conf"), "service integrated-vtysh-config\n");
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            view.setOwner(users.lookupPrincipalByName(settings.user()));
            view.setGroup(users.lookupPrincipalByGroupName(settings.user()));
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new IOException("user or group '" + settings.user() + "' does not exist (Debian's frr package "
                    + "creates frr; setting user)", e);
        }
    }

    /** Ends a daemon a previous run (Karaf killed, say) left behind in this directory: it would hold the sockets. */
    private void endLeftover(String name) throws IOException {
        Path pidFile = dir.resolve(name + ".pid");
        Optional<ProcessHandle> old = DaemonProcess.leftover(pidFile, pidFile.toString());
        Files.deleteIfExists(pidFile);
        old.ifPresent(h -> {
            LOG.warn("Ending FRR {} (PID {}) left behind by a previous run", name, h.pid());
            end(name, h);
        });
    }

    private void await(String name, Process p) throws IOException {
        Path socket = dir.resolve(name + ".vty");
        long end = System.nanoTime() + settings.timeout().toNanos();
        while (p.isAlive() && !Files.exists(socket)) {
            if (System.nanoTime() > end) {
                stopAll();
                throw new IOException("FRR " + name + " did not open " + socket + " within "
                        + settings.timeout().toSeconds() + " s: " + logTail(name));
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        if (!p.isAlive()) {
            running.remove(name);
            stopAll();
            throw new IOException("FRR " + name + " exited at start with code " + p.exitValue() + ": "
                    + logTail(name));
        }
    }

    private void exited(String name, DaemonProcess daemon, Process p) {
        if (!stopping && running.get(name) == daemon) {
            String why = "FRR " + name + " (PID " + p.pid() + ") exited with code " + p.exitValue() + ": "
                    + logTail(name);
            LOG.error(why);
            onDeath.accept(why);
        }
    }
}
