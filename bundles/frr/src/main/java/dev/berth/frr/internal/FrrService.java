package dev.berth.frr.internal;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

import dev.berth.frr.api.BgpPeer;
import dev.berth.frr.api.BgpRoute;
import dev.berth.frr.api.BgpRouting;
import dev.berth.frr.api.BgpStatus;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.NetworkInfo;

/**
 * The routing component: reads the node's Berth networks (at start, when the network driver comes, and every
 * poll interval, since the network API has no listener) and keeps FRR announcing their subnets. The network
 * driver is optional and may come and go; while it is away the last announcements stay. FRR stops when the
 * component does.
 */
@Component(service = BgpRouting.class, immediate = true, configurationPid = FrrSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FrrConfiguration.class)
public final class FrrService implements BgpRouting {

    private static final Logger LOG = LoggerFactory.getLogger(FrrService.class);

    private final FrrSettings settings;
    private final BgpController controller;
    private final ScheduledExecutorService worker;
    private volatile BerthNetworks networks;
    private volatile List<NetworkInfo> lastNetworks = List.of();
    private volatile String lastFailure = "";

    /**
     * Checks the configuration and starts polling the networks on a worker thread.
     *
     * @param config the configuration
     * @throws IllegalArgumentException when the configuration is invalid
     */
    @Activate
    public FrrService(FrrConfiguration config) {
        settings = FrrSettings.from(config);
        controller = new BgpController(settings, Clock.systemUTC());
        worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "berth-frr"));
        worker.scheduleWithFixedDelay(this::poll, 0, settings.poll().toSeconds(), TimeUnit.SECONDS);
        LOG.info("BGP routing {}: AS {}, peers {}, working in {}", settings.enabled() ? "enabled" : "disabled "
                + "(configuration rendered only)", settings.asn(), settings.peers(), settings.workDir());
    }

    /** Stops FRR. */
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
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindNetworks")
    void bindNetworks(BerthNetworks service) {
        networks = service;
        try {
            worker.execute(this::poll);
        } catch (RejectedExecutionException e) {
            LOG.debug("BGP routing stopping; networks not read");
        }
    }

    void unbindNetworks(BerthNetworks service) {
        if (networks == service) {
            networks = null;
        }
    }

    @Override
    public BgpStatus status() {
        return controller.status();
    }

    @Override
    public List<BgpPeer> peers() {
        return controller.peers();
    }

    @Override
    public List<BgpRoute> routes() {
        return controller.routes();
    }

    @Override
    public String config() {
        return controller.config();
    }

    /** Reads the networks (keeping the last ones while the driver is away) and announces them. */
    private void poll() {
        try {
            BerthNetworks service = networks;
            if (service != null) {
                lastNetworks = service.networks();
            }
            controller.announce(lastNetworks);
            lastFailure = "";
        } catch (RuntimeException e) {
            if (!e.getMessage().equals(lastFailure)) {
                LOG.error("BGP routing: {}", e.getMessage(), e);
            }
            lastFailure = String.valueOf(e.getMessage());
        }
    }
}
