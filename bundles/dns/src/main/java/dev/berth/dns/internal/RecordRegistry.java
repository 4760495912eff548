package dev.berth.dns.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsException;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.LabelProblem;

/**
 * What is published, and the records and zones derived from it. Changes are serialized; the index and the
 * zone set they produce are read without locks by the query path. What this node published is its state, listed
 * to callers and saved; what the other nodes sharing the store published is only served.
 */
final class RecordRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RecordRegistry.class);

    private final DnsSettings settings;
    private final RecordSources sources;
    private final ZoneApex apex;
    private final RegistryListener listener;
    private final PeerRecords peers;
    private RegistryState state = new RegistryState();
    private final Map<String, List<String>> endpointsByContainer = new HashMap<>();
    private volatile RecordIndex index = new RecordIndex();
    private volatile ZoneSet zones;
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis() / 1000);
    private final AtomicBoolean changedSinceSerial = new AtomicBoolean();
    private final AtomicLong generation = new AtomicLong();

    RecordRegistry(DnsSettings settings, RegistryListener listener) {
        this.settings = settings;
        this.sources = new RecordSources(settings);
        this.apex = new ZoneApex(settings);
        this.listener = listener;
        this.peers = new PeerRecords(sources);
        this.zones = sources.zones(List.of());
        sources.nameserver(index, List.of());
    }

    ZoneApex apex() {
        return apex;
    }

    RecordIndex index() {
        return index;
    }

    ZoneSet zones() {
        return zones;
    }

    /**
     * Returns a number that changes whenever a record or zone served changes, for caches of answers.
     *
     * @return the generation
     */
    long generation() {
        return generation.get();
    }

    /**
     * Returns the serial of every zone: increased when a change is first seen, not on every change, so that a
     * burst of changes does not run it ahead of the clock (which it follows across restarts).
     *
     * @return the serial
     */
    long serial() {
        if (changedSinceSerial.getAndSet(false)) {
            long now = System.currentTimeMillis() / 1000;
            return serial.updateAndGet(s -> Math.max(s + 1, now));
        }
        return serial.get();
    }

    synchronized void publishNetwork(DnsNetwork network) {
        state.networks().put(network.id(), network);
        networksChanged();
        changed(new StateKey.Network(network.id()));
        LOG.info("DNS: network {} published: reverse zones for {}", RecordSources.label(network), network.subnets());
    }

    synchronized void withdrawNetwork(String id) {
        DnsNetwork gone = state.networks().remove(id);
        if (gone != null) {
            networksChanged();
            changed(new StateKey.Network(id));
            LOG.info("DNS: network {} withdrawn", RecordSources.label(gone));
        }
    }

    synchronized void publishEndpoint(DnsEndpoint endpoint) {
        DnsEndpoint old = state.endpoints().put(endpoint.endpointId(), endpoint);
        if (old != null && !old.containerId().equals(endpoint.containerId())) {
            unlink(old);
        }
        link(endpoint);
        sources.endpoint(index, endpoint);
        refreshLabelsOf(endpoint.containerId());
        if (old != null && !old.containerId().equals(endpoint.containerId())) {
            refreshLabelsOf(old.containerId());
        }
        changed(new StateKey.Endpoint(endpoint.endpointId()));
        LOG.debug("DNS: endpoint {} of {} on {} published: {}", endpoint.endpointId(), endpoint.containerName(),
                endpoint.network(), endpoint.addresses());
    }

    synchronized void withdrawEndpoint(String endpointId) {
        DnsEndpoint gone = state.endpoints().remove(endpointId);
        if (gone != null) {
            unlink(gone);
            index.replace(RecordSources.endpointSource(endpointId), List.of());
            refreshLabelsOf(gone.containerId());
            changed(new StateKey.Endpoint(endpointId));
            LOG.debug("DNS: endpoint {} of {} withdrawn", endpointId, gone.containerName());
        }
    }

    synchronized List<LabelProblem> publishLabels(ContainerLabels container) {
        Map<String, String> relevant = LabelRecords.relevant(container.labels());
        if (relevant.keySet().stream().noneMatch(k -> k.startsWith(LabelRecords.PREFIX))) {
            // a container without DNS labels is not worth a row in the store
            withdrawLabels(container.containerId());
            return List.of();
        }
        ContainerLabels kept = new ContainerLabels(container.containerId(), container.containerName(), relevant);
        state.labels().put(kept.containerId(), kept);
        List<LabelProblem> problems = indexLabels(index, kept);
        changed(new StateKey.Labels(kept.containerId()));
        for (LabelProblem p : problems) {
            LOG.warn("DNS: container {} label skipped: {}", kept.containerName(), p);
        }
        return problems;
    }

    synchronized void withdrawLabels(String containerId) {
        if (state.labels().remove(containerId) != null) {
            index.replace(RecordSources.labelSource(containerId), List.of());
            changed(new StateKey.Labels(containerId));
        }
    }

    synchronized void addStatic(DnsRecord given) {
        Record record = StaticRecords.parse(given, settings.zone(), zones);
        String conflict = RecordSources.conflict(index, record, RecordSources.STATIC);
        if (conflict != null) {
            throw new DnsException(conflict);
        }
        StateKey.Static key = staticKey(record);
        state.statics().put(key, DnsRecord.of(key.name(), key.type(), record.getTTL(), key.data()));
        sources.statics(index, state.statics().values());
        changed(key);
        LOG.info("DNS: static record added: {}", record);
    }

    synchronized int removeStatics(String name, String type, String data) {
        Name owner = StaticRecords.name(name, settings.zone());
        int t = StaticRecords.type(type);
        String wanted = data.isBlank() ? null
                : StaticRecords.parse(DnsRecord.of(owner.toString(), type, 0, data), settings.zone(), zones)
                        .rdataToString();
        List<StateKey.Static> gone = state.statics().keySet().stream()
                .filter(k -> k.name().equals(owner.toString()) && k.type().equals(Type.string(t))
                        && (wanted == null || k.data().equals(wanted)))
                .toList();
        gone.forEach(k -> {
            state.statics().remove(k);
            changed(k);
        });
        if (!gone.isEmpty()) {
            sources.statics(index, state.statics().values());
            LOG.info("DNS: {} static {} record(s) of {} removed", gone.size(), Type.string(t), owner);
        }
        return gone.size();
    }

    /**
     * Returns the value of one object, for saving it.
     *
     * @param key the object
     * @return its value, or {@code null} when withdrawn
     */
    synchronized Object valueOf(StateKey key) {
        return state.get(key);
    }

    /**
     * Replaces everything with a state read from the store, keeping the objects changed here since (they are
     * newer than what the store holds), and rebuilds the records off to the side before swapping them in.
     *
     * @param stored the state in the store
     * @param local the objects changed here and not yet saved
     */
    synchronized void load(RegistryState stored, Set<StateKey> local) {
        for (StateKey key : local) {
            stored.put(key, state.get(key));
        }
        state = stored;
        endpointsByContainer.clear();
        state.endpoints().values().forEach(this::link);
        RecordIndex fresh = new RecordIndex();
        zones = sources.zones(allNetworks());
        state.endpoints().values().forEach(e -> sources.endpoint(fresh, e));
        state.labels().values().forEach(l -> indexLabels(fresh, l));
        peers.writeAll(fresh);
        sources.statics(fresh, state.statics().values());
        sources.nameserver(fresh, state.networks().values());
        index = fresh;
        bump();
        listener.networksChanged(List.copyOf(state.networks().values()));
        LOG.info("DNS: {} networks, {} endpoints, {} labelled containers and {} static records loaded",
                state.networks().size(), state.endpoints().size(), state.labels().size(), state.statics().size());
    }

    /**
     * Serves what the other nodes published, as just read from the store, instead of what was read before.
     *
     * @param nodes each other node's networks, endpoints and labelled containers, by node
     */
    synchronized void peersLoaded(Map<String, RegistryState> nodes) {
        if (peers.apply(index, nodes)) {
            zones = sources.zones(allNetworks());
            bump();
        }
    }

    /**
     * Serves the static records just read from the store, which every node may change, keeping those changed
     * here and not yet saved.
     *
     * @param stored the static records in the store
     * @param local the objects changed here and not yet saved
     */
    synchronized void staticsLoaded(Map<StateKey.Static, DnsRecord> stored, Set<StateKey> local) {
        Map<StateKey.Static, DnsRecord> now = new HashMap<>(stored);
        for (StateKey key : local) {
            if (key instanceof StateKey.Static s) {
                now.remove(s);
                if (state.statics().containsKey(s)) {
                    now.put(s, state.statics().get(s));
                }
            }
        }
        if (!now.equals(state.statics())) {
            state.statics().clear();
            state.statics().putAll(now);
            sources.statics(index, state.statics().values());
            bump();
        }
    }

    /**
     * Counts what the other nodes published, for the server's statistics.
     *
     * @return the number of other nodes with records ({@code cluster.nodes}) and of their endpoints
     *         ({@code cluster.endpoints})
     */
    synchronized Map<String, Long> clusterFigures() {
        return Map.of("cluster.nodes", (long) peers.nodeCount(), "cluster.endpoints", (long) peers.endpointCount());
    }

    synchronized List<DnsNetwork> networks() {
        return List.copyOf(state.networks().values());
    }

    synchronized List<DnsEndpoint> endpoints() {
        return List.copyOf(state.endpoints().values());
    }

    synchronized List<ContainerLabels> labelledContainers() {
        return List.copyOf(state.labels().values());
    }

    private void networksChanged() {
        zones = sources.zones(allNetworks());
        sources.nameserver(index, state.networks().values());
        bump();
        listener.networksChanged(List.copyOf(state.networks().values()));
    }

    private List<DnsNetwork> allNetworks() {
        List<DnsNetwork> all = new ArrayList<>(state.networks().values());
        all.addAll(peers.networks());
        return all;
    }

    private void refreshLabelsOf(String containerId) {
        ContainerLabels labels = state.labels().get(containerId);
        if (labels != null) {
            List<LabelProblem> problems = indexLabels(index, labels);
            bump();
            LOG.debug("DNS: labels of {} re-read after an endpoint change: {} problems", containerId, problems.size());
        }
    }

    private List<LabelProblem> indexLabels(RecordIndex idx, ContainerLabels labels) {
        List<InetAddress> own = new ArrayList<>();
        for (String id : endpointsByContainer.getOrDefault(labels.containerId(), List.of())) {
            own.addAll(state.endpoints().get(id).addresses());
        }
        return sources.labels(idx, labels, own);
    }

    private void link(DnsEndpoint endpoint) {
        // most containers have one or two endpoints: a small list, not a set
        List<String> ids = endpointsByContainer.computeIfAbsent(endpoint.containerId(), c -> new ArrayList<>(1));
        if (!ids.contains(endpoint.endpointId())) {
            ids.add(endpoint.endpointId());
        }
    }

    private void unlink(DnsEndpoint endpoint) {
        List<String> ids = endpointsByContainer.get(endpoint.containerId());
        if (ids != null) {
            ids.remove(endpoint.endpointId());
            if (ids.isEmpty()) {
                endpointsByContainer.remove(endpoint.containerId());
            }
        }
    }

    private void changed(StateKey key) {
        bump();
        listener.stateChanged(key);
    }

    private void bump() {
        generation.incrementAndGet();
        changedSinceSerial.set(true);
    }

    private static StateKey.Static staticKey(Record record) {
        return new StateKey.Static(record.getName().toString(), Type.string(record.getType()), record.rdataToString());
    }
}
