package dev.berth.haproxy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.RouteProblem;

/**
 * Puts a configuration in force only after {@code haproxy -c} accepted it: writes it next to the live file, checks
 * it, moves it in place, then starts HAProxy, updates servers through the runtime API, or reloads.
 */
final class ConfigInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigInstaller.class);

    private final Path dir;
    private final HaproxyProcess process;
    private final ConfigRenderer renderer;

    /**
     * @param dir the proxy's working directory, where {@code haproxy.cfg} lives
     * @param process the HAProxy process
     * @param renderer renders the single-route probes
     */
    ConfigInstaller(Path dir, HaproxyProcess process, ConfigRenderer renderer) {
        this.dir = dir;
        this.process = process;
        this.renderer = renderer;
    }

    /**
     * Checks and puts the configuration in place, then starts, reloads or updates HAProxy.
     *
     * @param running the configuration in force, or empty
     * @param text the new configuration
     * @param certificatesChanged whether a certificate file changed, which needs a reload
     * @return whether HAProxy started or reloaded (not when the runtime API sufficed)
     * @throws IngressController.RefusedException when {@code haproxy -c} refuses it; nothing changed then
     * @throws IOException when HAProxy cannot be run, started or reloaded
     */
    boolean install(String running, String text, boolean certificatesChanged) throws IOException {
        workDir();
        Path candidate = dir.resolve("haproxy.cfg.new");
        Files.writeString(candidate, text, StandardCharsets.UTF_8);
        HaproxyProcess.Check check = process.check(candidate);
        if (!check.valid()) {
            Files.deleteIfExists(candidate);
            LOG.error("HAProxy refused the new configuration; the running one stays: {}", check.output());
            throw new IngressController.RefusedException("configuration refused by haproxy -c: " + check.output());
        }
        Path live = dir.resolve("haproxy.cfg");
        try {
            Files.move(candidate, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(candidate, live, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!process.running()) {
            process.start(live);
            return true;
        }
        if (!certificatesChanged && updateAtRuntime(running, text)) {
            return false;
        }
        process.reload();
        return true;
    }

    /**
     * Applies a change of server addresses through the runtime API, which keeps connections and health state. The new
     * file is in place already, so a later reload starts from the same servers.
     *
     * @return whether every command was accepted; when not, the caller reloads
     */
    private boolean updateAtRuntime(String running, String text) {
        Optional<List<String>> commands = RuntimeUpdates.between(running, text);
        if (running.isEmpty() || commands.isEmpty() || commands.get().isEmpty()) {
            return false;
        }
        for (String command : commands.get()) {
            try {
                String answer = process.runtime(command).strip();
                if (!answer.isEmpty() && !answer.contains("changed")) {
                    LOG.warn("HAProxy refused '{}' ({}); reloading instead", command, answer);
                    return false;
                }
            } catch (IOException e) {
                LOG.warn("HAProxy's runtime API did not take '{}' ({}); reloading instead", command, e.toString());
                return false;
            }
        }
        LOG.info("Changed {} server address(es) through HAProxy's runtime API, without a reload",
                commands.get().size());
        return true;
    }

    /**
     * Leaves out the routes HAProxy refuses on their own (a server name it cannot resolve, say), so that one bad route
     * does not keep the others from being served. Costs one check, and one per route when that one fails.
     */
    List<IngressRoute> withoutRefused(List<IngressRoute> routes, Map<String, Path> certificateFiles,
            String runningHash, List<RouteProblem> found) {
        if (routes.isEmpty() || IngressController.hash(renderer.render(routes, certificateFiles)).equals(runningHash)) {
            return routes;
        }
        try {
            if (check(renderer.render(routes, certificateFiles)).valid()) {
                return routes;
            }
            List<IngressRoute> accepted = new ArrayList<>();
            for (IngressRoute r : routes) {
                HaproxyProcess.Check alone = check(renderer.render(List.of(r), certificateFiles));
                if (alone.valid()) {
                    accepted.add(r);
                } else {
                    found.add(new RouteProblem(r.origin(), "", "", "route " + r.key() + " refused by haproxy: "
                            + alerts(alone.output())));
                }
            }
            return accepted;
        } catch (IOException e) {
            LOG.warn("Cannot check the routes one by one: {}", e.toString());
            return routes;
        }
    }

    private HaproxyProcess.Check check(String text) throws IOException {
        workDir();
        Path probe = dir.resolve("haproxy.cfg.probe");
        try {
            Files.writeString(probe, text, StandardCharsets.UTF_8);
            return process.check(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static String alerts(String output) {
        return output.lines().filter(l -> l.contains("[ALERT]"))
                .map(l -> l.replaceFirst("^\\[ALERT\\]\\s*\\(\\d+\\) : ", ""))
                .reduce((x, y) -> x + "; " + y).orElse(output);
    }

    private void workDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

}
