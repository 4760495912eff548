package dev.berth.dns.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.LabelProblem;

/**
 * The records of what the other nodes sharing the store published, as last read from it: served beside this
 * node's own, never written back and never listed as this node's (so that a resync here withdraws only what this
 * node published). Used with the registry locked.
 */
final class PeerRecords {

    private static final Logger LOG = LoggerFactory.getLogger(PeerRecords.class);

    private final RecordSources sources;
    private Map<String, RegistryState> nodes = Map.of();

    PeerRecords(RecordSources sources) {
        this.sources = sources;
    }

    /**
     * Takes the other nodes' state as read now and brings their records in the index up to date: only the
     * endpoints that changed are rewritten; labels are all rewritten, since their A and AAAA records follow the
     * addresses of their container's endpoints.
     *
     * @param index the index served
     * @param next each other node's state, by node
     * @return whether anything changed
     */
    boolean apply(RecordIndex index, Map<String, RegistryState> next) {
        if (next.equals(nodes)) {
            return false;
        }
        Map<String, RegistryState> old = nodes;
        nodes = Map.copyOf(next);
        old.forEach((node, state) -> {
            RegistryState now = nodes.get(node);
            state.endpoints().forEach((id, e) -> {
                if (now == null || !now.endpoints().containsKey(id)) {
                    index.replace(RecordSources.peerSource(node, RecordSources.endpointSource(id)), List.of());
                }
            });
            state.labels().keySet().forEach(id -> {
                if (now == null || !now.labels().containsKey(id)) {
                    index.replace(RecordSources.peerSource(node, RecordSources.labelSource(id)), List.of());
                }
            });
        });
        nodes.forEach((node, state) -> {
            RegistryState before = old.get(node);
            state.endpoints().values().forEach(e -> {
                if (before == null || !Objects.equals(before.endpoints().get(e.endpointId()), e)) {
                    sources.endpoint(index, e,
                            RecordSources.peerSource(node, RecordSources.endpointSource(e.endpointId())));
                }
            });
        });
        writeLabels(index);
        LOG.debug("DNS: records of other nodes now: {} nodes, {} endpoints", nodes.size(), endpointCount());
        return true;
    }

    /**
     * Writes every record of the other nodes into an index being built.
     *
     * @param index the index
     */
    void writeAll(RecordIndex index) {
        nodes.forEach((node, state) -> state.endpoints().values().forEach(e -> sources.endpoint(index, e,
                RecordSources.peerSource(node, RecordSources.endpointSource(e.endpointId())))));
        writeLabels(index);
    }

    /**
     * Lists the other nodes' networks, named {@code <network>@<node>}: their subnets get reverse zones here too.
     *
     * @return the networks
     */
    List<DnsNetwork> networks() {
        List<DnsNetwork> list = new ArrayList<>();
        nodes.forEach((node, state) -> state.networks().values().forEach(n -> list.add(
                new DnsNetwork(n.id(), RecordSources.label(n) + "@" + node, n.subnets(), n.gateways()))));
        return list;
    }

    int nodeCount() {
        return nodes.size();
    }

    int endpointCount() {
        return nodes.values().stream().mapToInt(s -> s.endpoints().size()).sum();
    }

    private void writeLabels(RecordIndex index) {
        nodes.forEach((node, state) -> {
            Map<String, List<InetAddress>> addresses = new HashMap<>();
            state.endpoints().values().forEach(e -> addresses.computeIfAbsent(e.containerId(), c -> new ArrayList<>())
                    .addAll(e.addresses()));
            state.labels().values().forEach(labels -> {
                List<LabelProblem> problems = sources.labels(index, labels,
                        addresses.getOrDefault(labels.containerId(), List.of()),
                        RecordSources.peerSource(node, RecordSources.labelSource(labels.containerId())));
                // the node that published them reported them; here they only explain a missing record
                problems.forEach(p -> LOG.debug("DNS: label of {} on node {} skipped: {}", labels.containerName(),
                        node, p));
            });
        });
    }
}
