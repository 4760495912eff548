package dev.berth.haproxy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final ConfigInstaller installer;
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
        this.installer = new ConfigInstaller(settings.workDir(), process, renderer);
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
        candidates.forEach(r -> hostsBySet.computeIfAbsent(r.certificateSet(), s -> new ArrayList<>())
                .addAll(r.hosts()));
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
            routes = installer.withoutRefused(routes, certificateFiles, configHash, found);
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
            reloaded = installer.install(config, text, certificatesChanged);
        } catch (RefusedException e) {
            lastError = e.getMessage();
            throw e;
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
