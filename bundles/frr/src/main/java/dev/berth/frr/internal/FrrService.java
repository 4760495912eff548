package dev.berth.frr.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
import dev.berth.ipam.api.AddressPlan;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.NetworkInfo;
import dev.berth.store.api.Store;

/**
 * The routing component: reads the node's Berth networks and the IPAM's address plan (at start, when either service
 * comes, and every poll interval, since neither API has a listener) and keeps FRR announcing their subnets, aggregated
 * per node block, and accepting from peers only what the plan holds. Both services are optional and may come and
 * go; while one is away the last networks, or the last plan, stay in force. Until a plan was ever read, every route
 * from peers is refused. FRR stops when the component does.
 */
@Component(service = BgpRouting.class, immediate = true, configurationPid = FrrSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FrrConfiguration.class)
public final class FrrService implements BgpRouting {

    private static final Logger LOG = LoggerFactory.getLogger(FrrService.class);

    private final FrrSettings settings;
    private final BgpController controller;
    private final ScheduledExecutorService worker;
    /** The other nodes found in the store; empty when discovery is off. */
    private final Optional<ClusterNodes> cluster;
    private volatile BerthNetworks networks;
    private volatile AddressPlan addressPlan;
    private volatile Store store;
    private volatile Store migrated;
    private volatile List<NetworkInfo> lastNetworks = List.of();
    private volatile RoutingPlan lastPlan = RoutingPlan.UNKNOWN;
    private volatile List<InetAddress> discovered = List.of();
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
        cluster = discovery(config, settings);
        controller = new BgpController(settings, Clock.systemUTC());
        worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "berth-frr"));
        worker.scheduleWithFixedDelay(this::poll, 0, settings.poll().toSeconds(), TimeUnit.SECONDS);
        LOG.info("BGP routing {}: AS {}, peers {}, working in {}", settings.enabled() ? "enabled" : "disabled "
                + "(configuration rendered only)", settings.asn(), settings.peers(), settings.workDir());
    }

    /** The discovery of this node, when {@code discover} is on. */
    static Optional<ClusterNodes> discovery(FrrConfiguration config, FrrSettings settings) {
        if (!config.discover()) {
            return Optional.empty();
        }
        String own = config.address() == null ? "" : config.address().trim();
        InetAddress self;
        if (!own.isEmpty()) {
            try {
                self = IpPrefix.parseAddress(own);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(FrrSettings.PID + ": address is not an IP address: " + own, e);
            }
        } else {
            self = settings.routerId().orElseThrow(() -> new IllegalArgumentException(FrrSettings.PID
                    + ": discover needs this node's address: set address or router.id"));
        }
        return Optional.of(new ClusterNodes(self, settings.asn(), settings.poll().multipliedBy(3)));
    }

    /** Stops FRR, and leaves the cluster's list of nodes. */
    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(settings.timeout().toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Store s = migrated;
        if (cluster.isPresent() && s != null && settings.enabled()) {
            try {
                cluster.get().leave(s);
            } catch (RuntimeException e) {
                LOG.warn("BGP routing: could not take this node out of the cluster's list: {}", e.getMessage());
            }
        }
        controller.stop();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindStore")
    void bindStore(Store service) {
        store = service;
        pollSoon("nodes");
    }

    void unbindStore(Store service) {
        if (store == service) {
            store = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindNetworks")
    void bindNetworks(BerthNetworks service) {
        networks = service;
        pollSoon("networks");
    }

    void unbindNetworks(BerthNetworks service) {
        if (networks == service) {
            networks = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindAddressPlan")
    void bindAddressPlan(AddressPlan service) {
        addressPlan = service;
        pollSoon("address plan");
    }

    /** Polls now rather than at the next interval, for a service that just came. */
    private void pollSoon(String what) {
        try {
            worker.execute(this::poll);
        } catch (RejectedExecutionException e) {
            LOG.debug("BGP routing stopping; {} not read", what);
        }
    }

    void unbindAddressPlan(AddressPlan service) {
        if (addressPlan == service) {
            addressPlan = null;
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

    /**
     * Records this node in the shared database and reads the others (only while routing is enabled: a node that
     * does not run FRR is nobody's peer). Without the database the last nodes found stay.
     */
    private List<InetAddress> discover() {
        Store s = store;
        if (cluster.isEmpty() || s == null || !settings.enabled()) {
            return discovered;
        }
        if (migrated != s) {
            s.migrate("frr", ClusterNodes.MIGRATIONS);
            migrated = s;
        }
        return cluster.get().heartbeat(s);
    }

    /**
     * Reads the networks and the address plan (keeping the last ones while their service is away) and announces
     * them.
     */
    private void poll() {
        try {
            BerthNetworks service = networks;
            if (service != null) {
                lastNetworks = service.networks();
            }
            AddressPlan plan = addressPlan;
            if (plan != null) {
                lastPlan = RoutingPlan.of(plan.schema(), plan.node(), plan.blocks());
            }
            discovered = discover();
            controller.announce(lastNetworks, lastPlan, discovered);
            lastFailure = "";
        } catch (RuntimeException e) {
            if (!e.getMessage().equals(lastFailure)) {
                LOG.error("BGP routing: {}", e.getMessage(), e);
            }
            lastFailure = String.valueOf(e.getMessage());
        }
    }
}
