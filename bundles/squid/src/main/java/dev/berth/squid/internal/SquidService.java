package dev.berth.squid.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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

import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetListener;
import dev.berth.certs.api.CertificateSets;
import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.ContainerListener;
import dev.berth.docker.api.DockerEngine;
import dev.berth.haproxy.api.RouteProblem;
import dev.berth.squid.waf.IncidentLog;
import dev.berth.squid.waf.RuleSet;
import dev.berth.squid.waf.WafAdapter;
import dev.berth.squid.waf.WafRule;

/**
 * The caching proxy component: runs Squid with Berth's configuration and the ICAP web application firewall that
 * Squid sends every request and response through, with TLS certificates from the certificate manager (optional,
 * may come and go; renewals reconfigure Squid). In reverse-proxy mode it publishes the containers labelled
 * {@code berth.waf.*}, read from Docker (optional) at start and on container events. Squid stops when the
 * component does.
 */
@Component(service = {SquidService.class, CertificateSetListener.class, ContainerListener.class}, immediate = true,
        configurationPid = "dev.berth.squid", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SquidConfiguration.class)
public final class SquidService implements CertificateSetListener, ContainerListener {

    private static final Logger LOG = LoggerFactory.getLogger(SquidService.class);

    private final SquidSettings settings;
    private final IncidentLog incidents;
    private final SquidController controller;
    private final ScheduledExecutorService worker;
    private final SiteLabels siteLabels;
    private final AtomicBoolean resyncPending = new AtomicBoolean();
    private List<RouteProblem> reported = List.of();
    private volatile WafAdapter waf;
    private volatile CertificateSets certificateSets;
    private volatile DockerEngine docker;

    /**
     * Checks the configuration and the rules, and starts Squid on a worker thread when enabled.
     *
     * @param config the configuration
     * @throws IllegalArgumentException when the configuration or the rules are invalid
     */
    @Activate
    public SquidService(SquidConfiguration config) {
        settings = SquidSettings.from(config);
        incidents = new IncidentLog(settings.incidentsKept());
        waf = new WafAdapter(loadRules(settings), settings.detectOnly(), settings.bodyLimit(), incidents,
                Clock.systemUTC());
        SquidProcess process = new SquidProcess(settings.binary(), settings.logDir(), settings.timeout(), this::died);
        ManagerCertificates certificates = new ManagerCertificates(() -> certificateSets, settings.icapAddress());
        controller = new SquidController(settings, process, () -> waf, certificates, certificates, Clock.systemUTC());
        siteLabels = new SiteLabels(settings.reverse().network());
        worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "berth-squid"));
        LOG.info("Caching proxy {} on {}:{}, WAF {} with {} rules", settings.enabled() ? "enabled" : "disabled",
                settings.httpAddress(), settings.httpPort(), settings.detectOnly() ? "detect-only" : "blocking",
                waf.rules().rules().size());
        if (settings.reverse().enabled()) {
            LOG.info("Reverse proxy for containers labelled {} on {} HTTP {} HTTPS {}", SiteLabels.HOST,
                    settings.reverse().address(), settings.reverse().httpPort(), settings.reverse().httpsPort());
        }
        schedule(false, 0);
    }

    /** Stops Squid and the ICAP service. */
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
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCertificateSets")
    void bindCertificateSets(CertificateSets sets) {
        certificateSets = sets;
        schedule(false, 0);
    }

    void unbindCertificateSets(CertificateSets sets) {
        if (certificateSets == sets) {
            certificateSets = null;
        }
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

    /** Any container or network event may change what is published; bursts are read once, unchanged is a no-op. */
    @Override
    public void handle(ContainerEvent event) {
        if (List.of("container", "network", "resync").contains(event.type())) {
            scheduleResync();
        }
    }

    @Override
    public void certificateSetChanged(CertificateSet set, Change change) {
        // CREATED comes from this component's own ensure() while it applies: nothing to reload then.
        if (change != Change.CREATED && (IcapCertificates.SERVER_SET.equals(set.name())
                || IcapCertificates.CLIENT_SET.equals(set.name()) || SiteCertificates.SET.equals(set.name()))) {
            LOG.info("ICAP certificate set {} {}: reloading the TLS link", set.name(), change);
            schedule(true, 0);
        }
    }

    /** @return what Squid and the ICAP service are doing */
    public SquidStatus status() {
        return controller.status();
    }

    /** @return the rendered squid.conf; it names key files and never holds a key */
    public String config() {
        return controller.config();
    }

    /** @return the containers published through the reverse proxy, and the ones whose labels are wrong */
    public PublishedSites sites() {
        return controller.sites();
    }

    /** @return whether the reverse-proxy mode is on */
    public boolean reverseEnabled() {
        return settings.reverse().enabled();
    }

    /** @return the WAF rules in force, in order */
    public List<WafRule> rules() {
        return waf.rules().rules();
    }

    /** @return where the rules in force came from */
    public String rulesSource() {
        return waf.rules().source();
    }

    /** @return whether the WAF only records matches */
    public boolean detectOnly() {
        return waf.detectOnly();
    }

    /** @return the incident log (recent blocks and detections, counters) */
    public IncidentLog incidents() {
        return incidents;
    }

    /**
     * Reads the rules again (waf.rules.file, or the built-in rules) and puts them in force for new requests.
     *
     * @return the number of rules now in force
     * @throws IllegalArgumentException when the file has a bad rule; the rules in force stay
     */
    public int reloadRules() {
        WafAdapter next = new WafAdapter(loadRules(settings), settings.detectOnly(), settings.bodyLimit(), incidents,
                Clock.systemUTC());
        waf = next;
        LOG.info("WAF rules reloaded: {} rules from {}", next.rules().rules().size(), next.rules().source());
        return next.rules().rules().size();
    }

    static RuleSet loadRules(SquidSettings s) {
        RuleSet all;
        if (s.rulesFile().isPresent()) {
            try {
                all = RuleSet.parse(Files.readString(s.rulesFile().get(), StandardCharsets.UTF_8),
                        s.rulesFile().get().toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("dev.berth.squid: cannot read " + s.rulesFile().get(), e);
            }
        } else {
            all = RuleSet.defaults();
        }
        List<WafRule> kept = all.rules().stream().filter(r -> !s.disabledRules().contains(r.id())).toList();
        return new RuleSet(kept, all.source());
    }

    private void died(String why) {
        controller.died(why);
        schedule(false, 5);
    }

    private void schedule(boolean renewTls, long delaySeconds) {
        if (!settings.enabled()) {
            return;
        }
        try {
            worker.schedule(() -> apply(renewTls), delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Caching proxy stopping; nothing applied");
        }
    }

    private void scheduleResync() {
        if (settings.reverse().enabled() && resyncPending.compareAndSet(false, true)) {
            try {
                worker.execute(this::resync);
            } catch (RejectedExecutionException e) {
                resyncPending.set(false);
            }
        }
    }

    /** Reads every container's labels and publishes them; keeps the published ones while Docker is away. */
    private void resync() {
        resyncPending.set(false);
        DockerEngine engine = docker;
        if (engine == null) {
            return;
        }
        try {
            PublishedSites sites = siteLabels.read(engine.containers());
            sites.problems().stream().filter(p -> !reported.contains(p))
                    .forEach(p -> LOG.warn("Reverse proxy label ignored: {}", p));
            reported = sites.problems();
            if (sites.equals(controller.published())) {
                return;
            }
            controller.publish(sites);
        } catch (RuntimeException e) {
            LOG.error("Reverse proxy: cannot read the containers' labels from Docker: {}", e.getMessage());
            return;
        }
        if (settings.enabled()) {
            apply(false);
        }
    }

    private void apply(boolean renewTls) {
        if (settings.icapTls() && certificateSets == null) {
            controller.failed("waiting for the certificate manager (the ICAP link needs its certificates)");
            return;
        }
        try {
            controller.apply(renewTls);
        } catch (IOException | RuntimeException e) {
            LOG.error("Caching proxy: {}", e.getMessage());
        }
    }
}
