package dev.berth.net.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.EndpointInfo;
import dev.berth.net.api.NetworkInfo;
import dev.berth.net.api.PeerNetwork;
import dev.berth.net.api.PortMapping;
import dev.berth.net.api.ReconcileReport;
import dev.berth.net.api.RoutingMode;
import dev.berth.net.internal.kernel.CommandKernel;
import dev.berth.net.internal.kernel.Kernel;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelPlans;
import dev.berth.store.api.Migration;
import dev.berth.store.api.Store;

/**
 * The network driver: each Docker operation changes the kernel and the store together, or neither. Kernel
 * objects are created first and torn down again if anything after them fails; the store row is written last.
 * At start it reconciles the kernel to the store, so a restart of Berth loses nothing that was configured.
 */
@Component(service = {BerthNetworks.class, DockerCalls.class}, immediate = true,
        configurationPid = "dev.berth.net", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = NetworkConfiguration.class)
public final class NetworkDriverService implements BerthNetworks, DockerCalls {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkDriverService.class);
    static final List<Migration> MIGRATIONS = List.of(Migration.fromResource(1, "networks and endpoints",
            NetworkDriverService.class, "V1__networks.sql"),
            Migration.fromResource(2, "tag roles of endpoints", NetworkDriverService.class, "V2__roles.sql"));

    private final Store store;
    private final Kernel kernel;
    private final String host;
    private final int tableBase;
    private final int tableCount;
    private final int defaultMtu;
    private final RoutingMode mode;
    private final RoutingDomain routing;
    private final HostState state;
    private final Endpoints endpoints;
    private final ReentrantLock lock;
    private final HostLock hostLock;
    private final ClusterSync cluster;

    /**
     * Detects the routing mode, brings the store's schema up to date and reconciles the kernel.
     *
     * @param store the store
     * @param config the configuration
     */
    @Activate
    public NetworkDriverService(@Reference Store store, NetworkConfiguration config) {
        this(store, new CommandKernel(), config.routing(), config.host_name().isBlank() ? hostName()
                : config.host_name(), config.table_base(), config.table_count(), config.default_mtu(),
                HostPorts.parseRange(config.port_range()), lockFile(config.lock_file()));
        cluster.poll(config.cluster_poll_seconds());
    }

    /** The lock file, per network namespace: each namespace is a kernel of its own, as a cluster node's is. */
    static Path lockFile(String setting) {
        if (!setting.contains("{netns}")) {
            return Path.of(setting);
        }
        String namespace;
        try {
            // "net:[4026531840]"
            namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString().replaceAll("[^0-9]", "");
        } catch (IOException | UnsupportedOperationException e) {
            namespace = "default";
        }
        return Path.of(setting.replace("{netns}", namespace));
    }

    /**
     * Brings the routes to the other hosts' networks and the firewall's pairs across hosts up to date.
     *
     * @param always whether to look at the kernel even when no other host has a tagged network
     * @return what was changed, for reports
     */
    List<String> syncCluster(boolean always) {
        return cluster.sync(always);
    }

    NetworkDriverService(Store store, Kernel kernel, String routingSetting, String host, int tableBase,
            int tableCount, int defaultMtu, int[] portRange) {
        this(store, kernel, routingSetting, host, tableBase, tableCount, defaultMtu, portRange, null);
    }

    NetworkDriverService(Store store, Kernel kernel, String routingSetting, String host, int tableBase,
            int tableCount, int defaultMtu, int[] portRange, Path lockFile) {
        if (tableBase < 256 || tableCount < 1 || tableBase + tableCount > 32000) {
            throw new IllegalArgumentException("dev.berth.net: tables " + tableBase + "+" + tableCount
                    + " must lie within 256..32000 (below the main rule's priority 32766)");
        }
        try {
            this.hostLock = lockFile == null ? null : HostLock.acquire(lockFile, "pid " + ProcessHandle.current().pid()
                    + ", data " + System.getProperty("karaf.data", "?"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        this.store = store;
        this.kernel = kernel;
        this.host = host;
        this.tableBase = tableBase;
        this.tableCount = tableCount;
        this.defaultMtu = defaultMtu;
        this.mode = routingMode(kernel, routingSetting);
        this.routing = mode.vrf() ? new VrfRouting(() -> Uplinks.of(kernel.observe())) : new PolicyRouting();
        this.state = new HostState(store, kernel, host);
        this.lock = state.lock;
        this.endpoints = new Endpoints(state, new HostPorts(portRange[0], portRange[1]));
        this.cluster = new ClusterSync(state, mode.vrf());
        store.migrate("net", MIGRATIONS);
        LOG.info("Network driver on host {}: routing domains by {} ({})", host,
                mode.vrf() ? "VRF" : "policy routing", mode.reason());
        try {
            ReconcileReport report = reconcile();
            if (!report.unchanged()) {
                LOG.info("Reconciled the kernel to the store: created {}, removed {}", report.created(),
                        report.removed());
            }
        } catch (RuntimeException e) {
            // the driver still serves Docker; net:reconcile retries and says what is wrong
            LOG.error("Could not reconcile the kernel to the store; run net:reconcile once fixed: {}", e.getMessage(), e);
        }
    }

    private static RoutingMode routingMode(Kernel kernel, String setting) {
        switch (setting) {
            case "policy":
                return new RoutingMode(false, "configured: routing = policy");
            case "vrf":
                return new RoutingMode(true, "configured: routing = vrf");
            case "auto":
                Kernel.VrfSupport vrf = kernel.vrfSupport();
                return new RoutingMode(vrf.supported(), vrf.reason());
            default:
                throw new IllegalArgumentException("dev.berth.net: routing must be auto, vrf or policy, not '"
                        + setting + "'");
        }
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the host name; set dev.berth.net host.name", e);
        }
    }

    /** Lets another Berth manage the host's networks; the kernel objects stay as they are. */
    @Deactivate
    public void close() {
        cluster.close();
        if (hostLock != null) {
            hostLock.close();
        }
    }

    // --- Docker's operations ---------------------------------------------------------------------------------

    @Override
    public void createNetwork(String networkId, Map<String, String> options, boolean internal, IpPrefix v4,
            InetAddress gateway4, IpPrefix v6, InetAddress gateway6) {
        String id = Names.checkId("NetworkID", networkId);
        NetworkOptions parsed = NetworkOptions.parse(options, internal, defaultMtu);
        if (v4 == null && v6 == null) {
            throw new NetworkRequestException("a berth network needs a subnet; use --ipam-driver berth");
        }
        checkGateway(gateway4, v4);
        checkGateway(gateway6, v6);
        lock.lock();
        try {
            if (store.transaction(c -> NetworkTable.find(c, host, id)).isPresent()) {
                throw new NetworkRequestException("network " + id + " already exists");
            }
            NetworkPlan network = store.transaction(c -> {
                NetworkPlan n = new NetworkPlan(id, Names.bridge(id), NetworkTable.freeTable(c, host, tableBase,
                        tableCount), v4, gateway4, v6, gateway6, parsed.mtu(), internal, parsed.egress(),
                        parsed.tags(), options);
                NetworkTable.insert(c, host, n);
                return n;
            });
            try {
                state.enableForwarding(network);
                KernelPlans.run(kernel, routing.create(network));
                KernelPlans.run(kernel, Reconciler.replyRules(tableBase, true, kernel.observe()));
                state.applyFirewall();
                syncCluster(true);
            } catch (RuntimeException e) {
                KernelPlans.runIgnoringFailures(kernel, routing.teardown(network));
                store.transaction(c -> {
                    NetworkTable.delete(c, host, id);
                    return null;
                });
                state.applyFirewallQuietly(e);
                throw new NetworkRequestException("cannot build network " + id.substring(0, 12) + ": "
                        + e.getMessage(), e);
            }
            LOG.info("Created network {} on bridge {}, {}, egress {}", id.substring(0, 12), network.bridge(),
                    routing.describe(network), network.egress());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteNetwork(String networkId) {
        String id = Names.checkId("NetworkID", networkId);
        lock.lock();
        try {
            NetworkPlan network = state.network(id);
            for (EndpointRow e : store.transaction(c -> NetworkTable.endpoints(c, host, id))) {
                kernel.ipForce(List.of("link del " + e.hostInterface()));
            }
            KernelPlans.runIgnoringFailures(kernel, routing.teardown(network));
            boolean last = store.transaction(c -> {
                NetworkTable.delete(c, host, id);
                return NetworkTable.all(c, host).isEmpty();
            });
            if (last) {
                KernelPlans.runIgnoringFailures(kernel, Reconciler.replyRules(tableBase, false, kernel.observe()));
            }
            state.applyFirewall();
            LOG.info("Deleted network {}", id.substring(0, 12));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String createEndpoint(String networkId, String endpointId, InetAddress address4, InetAddress address6,
            String mac) {
        return endpoints.createEndpoint(networkId, endpointId, address4, address6, mac);
    }

    @Override
    public void deleteEndpoint(String networkId, String endpointId) {
        endpoints.deleteEndpoint(networkId, endpointId);
    }

    @Override
    public JoinResult join(String networkId, String endpointId, String sandbox) {
        return endpoints.join(networkId, endpointId, sandbox);
    }

    @Override
    public void leave(String networkId, String endpointId) {
        endpoints.leave(networkId, endpointId);
    }

    @Override
    public List<PortMapping> publish(String networkId, String endpointId, List<PortMapping> requested) {
        return endpoints.publish(networkId, endpointId, requested);
    }

    @Override
    public void unpublish(String networkId, String endpointId) {
        endpoints.unpublish(networkId, endpointId);
    }

    @Override
    public void assignRoles(String networkId, String endpointId, Set<String> egress, Set<String> ingress) {
        endpoints.assignRoles(networkId, endpointId, egress, ingress);
    }

    @Override
    public Map<String, Object> operInfo(String networkId, String endpointId) {
        return endpoints.operInfo(networkId, endpointId);
    }

    // --- BerthNetworks ---------------------------------------------------------------------------------------

    @Override
    public List<NetworkInfo> networks() {
        return store.transaction(c -> {
            Map<String, Timestamp> created = NetworkTable.createdAt(c, host);
            List<EndpointRow> endpoints = NetworkTable.endpoints(c, host, null);
            List<NetworkInfo> out = new ArrayList<>();
            for (NetworkPlan n : NetworkTable.all(c, host)) {
                int count = (int) endpoints.stream().filter(e -> e.networkId().equals(n.networkId())).count();
                out.add(new NetworkInfo(n.networkId(), n.bridge(), n.table(), n.subnets(), n.gateways(), n.mtu(),
                        n.internal(), n.egress(), n.tags(), n.options(), count,
                        created.get(n.networkId()).toInstant()));
            }
            return out;
        });
    }

    @Override
    public List<EndpointInfo> endpoints(String networkId) {
        String id = resolve(networkId);
        return store.transaction(c -> NetworkTable.endpoints(c, host, id)).stream().map(EndpointRow::info).toList();
    }

    /** Resolves a unique prefix of a network ID. */
    String resolve(String prefix) {
        List<String> matches = networks().stream().map(NetworkInfo::id).filter(id -> id.startsWith(prefix)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty() ? "no berth network " + prefix
                    : "'" + prefix + "' matches " + matches.size() + " networks");
        }
        return matches.get(0);
    }

    @Override
    public ReconcileReport reconcile() {
        lock.lock();
        try {
            List<NetworkPlan> networks = store.transaction(c -> NetworkTable.all(c, host));
            List<EndpointRow> endpoints = store.transaction(c -> NetworkTable.endpoints(c, host, null));
            ReconcileReport report = new Reconciler(kernel, routing, tableBase, tableCount).run(networks, endpoints);
            for (NetworkPlan n : networks) {
                state.enableForwarding(n);
            }
            state.applyFirewall();
            List<String> cluster = syncCluster(true);
            if (cluster.isEmpty()) {
                return report;
            }
            List<String> created = new ArrayList<>(report.created());
            created.addAll(cluster);
            return new ReconcileReport(created, report.removed());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public RoutingMode routingMode() {
        return mode;
    }

    @Override
    public List<PeerNetwork> peers() {
        return cluster.peers();
    }

    String describeRouting(NetworkPlan n) {
        return routing.describe(n);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static void checkGateway(InetAddress gateway, IpPrefix subnet) {
        if (subnet != null && gateway == null) {
            throw new NetworkRequestException("subnet " + subnet + " has no gateway address");
        }
        if (subnet != null && !subnet.contains(gateway)) {
            throw new NetworkRequestException("gateway " + IpPrefix.format(gateway) + " is outside " + subnet);
        }
    }

    /** The host's default routes, for VRF egress. */
    static final class Uplinks {
        private Uplinks() {
        }

        static VrfRouting.Uplinks of(dev.berth.net.internal.kernel.KernelState state) {
            String v4 = null;
            String v6 = null;
            for (var r : state.routes()) {
                if (r.table().equals("main") && r.destination().equals("default") && !r.device().isEmpty()) {
                    String via = (r.gateway().isEmpty() ? "" : "via " + r.gateway() + " ") + "dev " + r.device();
                    if (r.ipv6()) {
                        v6 = v6 == null ? via : v6;
                    } else {
                        v4 = v4 == null ? via : v4;
                    }
                }
            }
            return new VrfRouting.Uplinks(v4, v6);
        }
    }
}
