package dev.berth.haproxy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.ProxyStatus;
import dev.berth.haproxy.api.RouteProblem;

/**
 * Keeps HAProxy serving the routes: merges static and label routes, gets their certificates, renders the
 * configuration, has HAProxy check it, and only then puts it in place and starts or reloads HAProxy. A refused
 * configuration leaves the running one serving. Not an OSGi component, so tests build it directly.
 */
final class IngressController {

    private static final Logger LOG = LoggerFactory.getLogger(IngressController.class);

    /** A configuration HAProxy refused; the running one stays. */
    static final class RefusedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private final ProxySettings settings;
    private final HaproxyProcess process;
    private final CertificateSource certificates;
    private final CertificateFiles files;
    private final ConfigRenderer renderer;
    private final Clock clock;
    private final Map<String, IngressRoute> staticRoutes = new TreeMap<>();
    private final Map<String, List<String>> certificateHosts = new TreeMap<>();
    private List<IngressRoute> labelRoutes = List.of();
    private List<RouteProblem> labelProblems = List.of();
    private List<RouteProblem> problems = List.of();
    private List<IngressRoute> served = List.of();
    private String config = "";
    private String configHash = "";
    private Instant lastReload;
    private volatile String lastError = "";

    IngressController(ProxySettings settings, HaproxyProcess process, CertificateSource certificates, Clock clock) {
        this.settings = settings;
        this.process = process;
        this.certificates = certificates;
        this.files = new CertificateFiles(settings.workDir().resolve("certs"), settings.requireMemoryFs());
        this.renderer = new ConfigRenderer(settings);
        this.clock = clock;
        settings.staticRoutes().forEach(r -> staticRoutes.put(r.key(), r));
    }

    /** Records that HAProxy died; the next {@link #apply(boolean)} starts it again. */
    void died(String why) {
        lastError = why;
    }

    synchronized List<IngressRoute> routes() {
        return served;
    }

    synchronized String config() {
        return config;
    }

    synchronized ProxyStatus status() {
        return new ProxyStatus(settings.enabled(), process.running(), process.pid(), configHash, lastReload, lastError,
                served.size(), problems);
    }

    /**
     * Adds or replaces a static route and applies; when HAProxy refuses the result, the route is taken back.
     *
     * @param route the route
     * @return the route as added
     */
    synchronized IngressRoute addStatic(IngressRoute route) {
        IngressRoute r = new IngressRoute(route.hosts(), route.pathPrefix(), route.servers(), route.certificateSet(),
                route.healthPath(), IngressRoute.STATIC);
        IngressRoute previous = staticRoutes.put(r.key(), r);
        try {
            apply(false, true);
        } catch (RuntimeException e) {
            if (previous == null) {
                staticRoutes.remove(r.key());
            } else {
                staticRoutes.put(r.key(), previous);
            }
            merge();
            throw e;
        }
        return r;
    }

    synchronized boolean removeStatic(String host) {
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        boolean removed = staticRoutes.values().removeIf(r -> r.hosts().get(0).equals(h));
        if (removed) {
            apply(false);
        }
        return removed;
    }

    /**
     * Replaces the routes from container labels and applies.
     *
     * @param routes the routes
     * @param problems the containers whose labels are wrong
     */
    synchronized void labelRoutes(List<IngressRoute> routes, List<RouteProblem> problems) {
        labelRoutes = List.copyOf(routes);
        labelProblems = List.copyOf(problems);
        apply(false);
    }

    /**
     * Reloads HAProxy with a set's new certificate when a route uses it.
     *
     * @param set the set's name
     */
    synchronized void certificateChanged(String set) {
        if (certificateHosts.containsKey(set)) {
            certificateHosts.remove(set);
            apply(false);
        }
    }

    /**
     * Renders, checks and applies the configuration; starts HAProxy when it does not run. When HAProxy refuses it,
     * the routes it refuses on their own are left out and reported, and the rest is applied.
     *
     * @param reread whether to fetch every certificate again
     * @throws RefusedException when HAProxy refuses the configuration even without those routes
     */
    synchronized void apply(boolean reread) {
        apply(reread, false);
    }

    /**
     * Renders, checks and applies the configuration.
     *
     * @param reread whether to fetch every certificate again
     * @param strict whether to refuse the whole configuration when HAProxy refuses it, rather than leave out the
     *     routes it refuses
     * @throws RefusedException when HAProxy refuses the configuration
     */
    private void apply(boolean reread, boolean strict) {
        if (reread) {
            certificateHosts.clear();
        }
        List<IngressRoute> candidates = merge();
        List<RouteProblem> found = new ArrayList<>(problems);
        Map<String, List<String>> hostsBySet = new TreeMap<>();
        candidates.forEach(r -> hostsBySet.computeIfAbsent(r.certificateSet(), s -> new ArrayList<>()).addAll(r.hosts()));
        Map<String, Path> certificateFiles = new TreeMap<>();
        boolean certificatesChanged = false;
        for (Map.Entry<String, List<String>> e : hostsBySet.entrySet()) {
            List<String> hosts = List.copyOf(new TreeSet<>(e.getValue()));
            try {
                if (!hosts.equals(certificateHosts.get(e.getKey())) || !Files.exists(files.file(e.getKey()))) {
                    CertificateMaterial m = certificates.material(e.getKey(), hosts);
                    certificatesChanged |= files.write(e.getKey(), m);
                    certificateHosts.put(e.getKey(), hosts);
                }
                certificateFiles.put(e.getKey(), files.file(e.getKey()));
            } catch (IOException | RuntimeException ex) {
                certificateHosts.remove(e.getKey());
                candidates.stream().filter(r -> r.certificateSet().equals(e.getKey())).forEach(r -> found.add(
                        new RouteProblem(r.origin(), "", "", "route " + r.key() + " has no certificate (set "
                                + e.getKey() + "): " + ex.getMessage())));
            }
        }
        List<IngressRoute> routes = candidates.stream().filter(r -> certificateFiles.containsKey(r.certificateSet()))
                .toList();
        if (!strict && settings.enabled()) {
            routes = withoutRefused(routes, certificateFiles, found);
        }
        String text = renderer.render(routes, certificateFiles);
        String hash = hash(text);
        problems = found;
        if (!settings.enabled()) {
            config = text;
            configHash = hash;
            served = routes;
            return;
        }
        if (hash.equals(configHash) && !certificatesChanged && process.running()) {
            served = routes;
            return;
        }
        boolean reloaded;
        try {
            reloaded = install(text, certificatesChanged);
        } catch (IOException e) {
            lastError = "applying the configuration failed: " + e.getMessage();
            throw new IllegalStateException(lastError, e);
        }
        config = text;
        configHash = hash;
        served = routes;
        if (reloaded) {
            lastReload = clock.instant();
        }
        lastError = "";
        try {
            files.retain(certificateFiles.keySet());
        } catch (IOException e) {
            LOG.warn("Cannot delete unused certificate files: {}", e.toString());
        }
    }

    /**
     * Leaves out the routes HAProxy refuses on their own (a server name it cannot resolve, say), so that one bad route
     * does not keep the others from being served. Costs one check, and one per route when that one fails.
     */
    private List<IngressRoute> withoutRefused(List<IngressRoute> routes, Map<String, Path> certificateFiles,
            List<RouteProblem> found) {
        if (routes.isEmpty() || hash(renderer.render(routes, certificateFiles)).equals(configHash)) {
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
        Path dir = workDir();
        Path probe = dir.resolve("haproxy.cfg.probe");
        try {
            Files.writeString(probe, text, StandardCharsets.UTF_8);
            return process.check(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static String alerts(String output) {
        return output.lines().filter(l -> l.contains("[ALERT]")).map(l -> l.replaceFirst("^\\[ALERT\\]\\s*\\(\\d+\\) : ", ""))
                .reduce((x, y) -> x + "; " + y).orElse(output);
    }

    private Path workDir() throws IOException {
        Path dir = settings.workDir();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    /** Stops HAProxy and deletes the certificate files: keys do not outlive the proxy. */
    synchronized void stop() {
        process.stop();
        try {
            files.retain(Set.of());
        } catch (IOException e) {
            LOG.warn("Cannot delete the certificate files: {}", e.toString());
        }
        certificateHosts.clear();
        configHash = "";
    }

    /** Checks and puts the configuration in place, then starts, reloads or updates HAProxy; tells whether it reloaded. */
    private boolean install(String text, boolean certificatesChanged) throws IOException {
        Path dir = workDir();
        Path candidate = dir.resolve("haproxy.cfg.new");
        Files.writeString(candidate, text, StandardCharsets.UTF_8);
        HaproxyProcess.Check check = process.check(candidate);
        if (!check.valid()) {
            Files.deleteIfExists(candidate);
            lastError = "configuration refused by haproxy -c: " + check.output();
            LOG.error("HAProxy refused the new configuration; the running one stays: {}", check.output());
            throw new RefusedException(lastError);
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
        if (!certificatesChanged && updateAtRuntime(text)) {
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
    private boolean updateAtRuntime(String text) {
        Optional<List<String>> commands = RuntimeUpdates.between(config, text);
        if (config.isEmpty() || commands.isEmpty() || commands.get().isEmpty()) {
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
        LOG.info("Changed {} server address(es) through HAProxy's runtime API, without a reload", commands.get().size());
        return true;
    }

    /** Static routes win over label routes of the same key; label duplicates are problems. */
    private List<IngressRoute> merge() {
        Map<String, IngressRoute> merged = new LinkedHashMap<>(staticRoutes);
        List<RouteProblem> found = new ArrayList<>(labelProblems);
        for (IngressRoute r : labelRoutes) {
            IngressRoute other = merged.putIfAbsent(r.key(), r);
            if (other != null) {
                found.add(new RouteProblem(r.origin(), "", "", "route " + r.key() + " is already defined by "
                        + other.origin()));
            }
        }
        problems = found;
        return new ArrayList<>(new TreeMap<>(merged).values());
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
