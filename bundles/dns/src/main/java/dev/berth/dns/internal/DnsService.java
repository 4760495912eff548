package dev.berth.dns.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsException;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsRegistry;
import dev.berth.dns.api.DnsServer;
import dev.berth.dns.api.DnsZone;
import dev.berth.dns.api.LabelProblem;
import dev.berth.dns.api.QueryResult;
import dev.berth.store.api.Store;

/**
 * Berth's DNS server: the registry of records, the UDP and TCP listeners, forwarding, and saving to the store.
 * The store is optional and replaceable: without it the server answers from memory and saves later.
 */
@Component(service = {DnsRegistry.class, DnsServer.class}, immediate = true, configurationPid = "dev.berth.dns",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DnsConfiguration.class)
public final class DnsService implements DnsRegistry, DnsServer {

    private static final Logger LOG = LoggerFactory.getLogger(DnsService.class);

    private final DnsSettings settings;
    private final RecordRegistry registry;
    private final ZoneListing listing;
    private final StoreSync storeSync;
    private final QueryProcessor processor;
    private final Forwarder forwarder;
    private final Listeners listeners;
    private final ExecutorService forwarding;
    private final ExecutorService connections;
    private final ScheduledExecutorService scheduler;

    /**
     * Starts the server on the configured addresses.
     *
     * @param config the configuration
     * @throws IllegalArgumentException when the configuration is invalid
     */
    @Activate
    public DnsService(DnsConfiguration config) {
        this(DnsSettings.from(config));
    }

    DnsService(DnsSettings settings) {
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("berth-dns-listeners"));
        ScheduledThreadPoolExecutor storeWorker = new ScheduledThreadPoolExecutor(1, threads("berth-dns-store"));
        storeWorker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.forwarding = Executors.newFixedThreadPool(2, threads("berth-dns-forward"));
        this.connections = new ThreadPoolExecutor(0, settings.tcpConnections(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads("berth-dns-tcp-connection"));
        this.registry = new RecordRegistry(settings, new RegistryListener() {
            @Override
            public void stateChanged(StateKey key) {
                storeSync().changed(key);
            }

            @Override
            public void networksChanged(Collection<DnsNetwork> networks) {
                DnsService.this.networksChanged(networks);
            }
        });
        this.listing = new ZoneListing(registry);
        this.storeSync = new StoreSync(registry, storeWorker, settings.node(), settings.clusterPoll());
        ForwardCache cache = new ForwardCache(settings.cacheSize(), settings.cacheMaxTtl(), System::nanoTime);
        this.forwarder = new Forwarder(upstreams(settings), settings.forwardTimeout(), settings.udpPayload(), cache,
                forwarding);
        this.processor = new QueryProcessor(settings, registry, forwarder);
        this.listeners = new Listeners(settings, processor, connections, scheduler);
        listeners.listenOn(new LinkedHashSet<>(settings.listenAddresses()));
        LOG.info("DNS server for {} on port {} as node {}, forwarding to {}", settings.zone(), settings.port(),
                settings.node(), forwarder.upstreams().isEmpty() ? "nowhere (no upstream resolver)"
                        : forwarder.upstreams());
    }

    private StoreSync storeSync() {
        return storeSync;
    }

    /**
     * Loads the registry from the store and saves changes to it from now on.
     *
     * @param store the store
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(Store store) {
        storeSync.storeAvailable(store);
    }

    void unbindStore(Store store) {
        storeSync.storeGone(store);
    }

    /** Stops listening and saves what is pending. */
    @Deactivate
    public void close() {
        listeners.close();
        storeSync.close();
        scheduler.shutdownNow();
        forwarding.shutdownNow();
        connections.shutdownNow();
        // dnsjava's shared NIO selector registers a JVM shutdown hook that waits for its thread; stopped with the
        // bundle still wired, neither is left to hang Karaf's exit
        org.xbill.DNS.NioClient.close();
        LOG.info("DNS server stopped");
    }

    @Override
    public void publishNetwork(DnsNetwork network) {
        registry.publishNetwork(network);
    }

    @Override
    public void withdrawNetwork(String id) {
        registry.withdrawNetwork(id);
    }

    @Override
    public void publishEndpoint(DnsEndpoint endpoint) {
        registry.publishEndpoint(endpoint);
    }

    @Override
    public void withdrawEndpoint(String endpointId) {
        registry.withdrawEndpoint(endpointId);
    }

    @Override
    public List<LabelProblem> publishLabels(ContainerLabels container) {
        return registry.publishLabels(container);
    }

    @Override
    public void withdrawLabels(String containerId) {
        registry.withdrawLabels(containerId);
    }

    @Override
    public List<DnsNetwork> networks() {
        return registry.networks();
    }

    @Override
    public List<DnsEndpoint> endpoints() {
        return registry.endpoints();
    }

    @Override
    public List<ContainerLabels> labelledContainers() {
        return registry.labelledContainers();
    }

    @Override
    public void addStaticRecord(DnsRecord record) {
        registry.addStatic(record);
    }

    @Override
    public int removeStaticRecords(String name, String type, String data) {
        return registry.removeStatics(name, type, data);
    }

    @Override
    public List<DnsZone> zones() {
        return listing.zoneList();
    }

    @Override
    public List<DnsRecord> records(String zone) {
        return listing.records(zone);
    }

    @Override
    public List<InetSocketAddress> listening() {
        return listeners.listening();
    }

    @Override
    public List<String> listenFailures() {
        return listeners.failures();
    }

    @Override
    public QueryResult query(String name, String type, boolean tcp) {
        InetSocketAddress server = listening().stream()
                .min(Comparator.comparing((InetSocketAddress a) -> !a.getAddress().isLoopbackAddress())
                        .thenComparing(a -> !(a.getAddress() instanceof Inet4Address)))
                .orElseThrow(() -> new DnsException("the DNS server listens nowhere: " + listenFailures()));
        return ServerQuery.ask(server, name, type, tcp, settings.forwardTimeout().plusSeconds(2));
    }

    @Override
    public List<InetSocketAddress> upstreams() {
        return forwarder.upstreams();
    }

    @Override
    public Map<String, Long> statistics() {
        Map<String, Long> figures = processor.counters().asMap();
        figures.put("cache.size", (long) forwarder.cache().size());
        figures.put("store.pending", (long) storeSync.pending());
        figures.putAll(registry.clusterFigures());
        return figures;
    }

    private void networksChanged(Collection<DnsNetwork> networks) {
        processor.networksChanged(networks);
        Set<InetAddress> addresses = new LinkedHashSet<>(settings.listenAddresses());
        if (settings.listenGateways()) {
            networks.forEach(n -> addresses.addAll(n.gateways()));
        }
        scheduler.execute(() -> listeners.listenOn(addresses));
    }

    private static List<InetSocketAddress> upstreams(DnsSettings settings) {
        // never forward to ourselves: a resolv.conf naming this host's own listener would loop
        return settings.forwarders().stream().filter(u -> !(u.getPort() == settings.port()
                && settings.listenAddresses().contains(u.getAddress()))).toList();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
