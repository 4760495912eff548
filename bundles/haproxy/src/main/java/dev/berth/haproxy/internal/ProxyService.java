package dev.berth.haproxy.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetListener;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateSets;
import dev.berth.docker.api.Container;
import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.ContainerListener;
import dev.berth.docker.api.DockerEngine;
import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.IngressRoutes;
import dev.berth.haproxy.api.ProxyStatus;
import dev.berth.haproxy.api.RouteProblem;

/**
 * The ingress proxy component: reads routes from container labels (at start, on container events and every resync
 * interval), gets certificates from the certificate manager, and keeps HAProxy serving them. Docker and the
 * certificate manager are optional and may come and go; HAProxy stops when the component does.
 */
@Component(service = {IngressRoutes.class, ContainerListener.class, CertificateSetListener.class}, immediate = true,
        configurationPid = "dev.berth.haproxy", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ProxyConfiguration.class)
public final class ProxyService implements IngressRoutes, ContainerListener, CertificateSetListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyService.class);
    private static final Set<String> ACTIONS = Set.of("start", "restart", "die", "stop", "kill", "destroy", "rename",
            "update", "connect", "disconnect", "pause", "unpause");

    private final ProxySettings settings;
    private final RouteLabels labels;
    private final IngressController controller;
    private final ScheduledExecutorService worker;
    private final AtomicBoolean resyncPending = new AtomicBoolean();
    private List<RouteProblem> reported = List.of();

    private volatile DockerEngine docker;
    private volatile CertificateSets certificateSets;

    /**
     * Checks the configuration and starts reading routes on a worker thread.
     *
     * @param config the configuration
     * @throws IllegalArgumentException when the configuration is invalid
     */
    @Activate
    public ProxyService(ProxyConfiguration config) {
        settings = ProxySettings.from(config);
        labels = new RouteLabels(settings.backendNetwork());
        HaproxyProcess process = new HaproxyProcess(settings.binary(), settings.workDir(), settings.timeout(),
                this::died);
        controller = new IngressController(settings, process, this::material, Clock.systemUTC());
        worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "berth-haproxy"));
        worker.scheduleWithFixedDelay(this::resync, 0, settings.resync().toSeconds(), TimeUnit.SECONDS);
        LOG.info("Ingress proxy on {}:{} (HTTP redirect {}), working in {}", settings.httpsAddress(),
                settings.httpsPort(), settings.httpRedirect() ? "on port " + settings.httpPort() : "off",
                settings.workDir());
    }

    /** Stops HAProxy and deletes its certificate files. */
    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(settings.timeout().toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        controller.stop();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindDocker")
    void bindDocker(DockerEngine engine) {
        docker = engine;
        scheduleResync();
    }

    void unbindDocker(DockerEngine engine) {
        if (docker == engine) {
            docker = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCertificateSets")
    void bindCertificateSets(CertificateSets sets) {
        certificateSets = sets;
        scheduleResync();
    }

    void unbindCertificateSets(CertificateSets sets) {
        if (certificateSets == sets) {
            certificateSets = null;
        }
    }

    @Override
    public List<IngressRoute> routes() {
        return controller.routes();
    }

    @Override
    public IngressRoute add(IngressRoute route) {
        return controller.addStatic(route);
    }

    @Override
    public boolean remove(String host) {
        return controller.removeStatic(host);
    }

    @Override
    public ProxyStatus status() {
        return controller.status();
    }

    @Override
    public String config() {
        return controller.config();
    }

    @Override
    public void handle(ContainerEvent event) {
        if ("resync".equals(event.type()) || "container".equals(event.type()) && ACTIONS.contains(event.action())
                || "network".equals(event.type())) {
            scheduleResync();
        }
    }

    @Override
    public void certificateSetChanged(CertificateSet set, Change change) {
        // Renewed: load the new certificate. Revoked or deleted: ensure issues a new one.
        try {
            worker.execute(() -> {
                try {
                    controller.certificateChanged(set.name());
                } catch (RuntimeException e) {
                    LOG.error("Cannot load the {} certificate of set {}: {}", change, set.name(), e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Ingress proxy stopping; certificate set {} {} ignored", set.name(), change);
        }
    }

    private CertificateMaterial material(String set, List<String> hosts) {
        CertificateSets sets = certificateSets;
        if (sets == null) {
            throw new IllegalStateException("the certificate manager is not available");
        }
        sets.ensure(CertificateSetSpec.server(set, hosts, List.of()));
        return sets.material(set);
    }

    /** Reports the death and starts HAProxy again after a pause, so that a crash loop costs little. */
    private void died(String why) {
        controller.died(why);
        try {
            worker.schedule(this::resync, Math.min(5, settings.resync().toSeconds()), TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Ingress proxy stopping; no restart");
        }
    }

    private void scheduleResync() {
        if (resyncPending.compareAndSet(false, true)) {
            try {
                worker.execute(this::resync);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                resyncPending.set(false);
            }
        }
    }

    /** Reads every container's labels (keeping the last routes when Docker is away) and applies. */
    private void resync() {
        resyncPending.set(false);
        try {
            DockerEngine engine = docker;
            if (engine == null) {
                controller.apply(false);
                return;
            }
            List<IngressRoute> routes = new ArrayList<>();
            List<RouteProblem> problems = new ArrayList<>();
            for (Container c : engine.containers()) {
                RouteLabels.Result r = labels.read(c);
                r.route().ifPresent(routes::add);
                problems.addAll(r.problems());
            }
            problems.stream().filter(p -> !reported.contains(p)).forEach(p -> LOG.warn("Ingress label ignored: {}", p));
            reported = problems;
            controller.labelRoutes(routes, problems);
        } catch (RuntimeException e) {
            LOG.error("Ingress proxy resync failed: {}", e.getMessage(), e);
        }
    }
}
