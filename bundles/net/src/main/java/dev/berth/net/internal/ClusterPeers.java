package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.ipam.api.IpPrefix;

/**
 * The tagged networks of the other hosts that share this host's store, with their endpoints: a tag spans the
 * cluster, so an egress container here may open connections to an ingress container of the same tag on another
 * node, and the other way round. Packets travel over the routes FRR exchanges; each node's firewall lets in and
 * out exactly those pairs. Networks created with {@code --internal} stay on their host.
 *
 * @param networks the other hosts' tagged networks
 * @param endpoints the endpoints of those networks
 * @param hosts the host of each of those networks, by network ID
 */
record ClusterPeers(List<NetworkPlan> networks, List<EndpointRow> endpoints, Map<String, String> hosts) {

    /** A host alone, or one whose store no other host shares. */
    static final ClusterPeers NONE = new ClusterPeers(List.of(), List.of());

    ClusterPeers {
        networks = List.copyOf(networks);
        endpoints = List.copyOf(endpoints);
        hosts = Map.copyOf(hosts);
    }

    ClusterPeers(List<NetworkPlan> networks, List<EndpointRow> endpoints) {
        this(networks, endpoints, Map.of());
    }

    /**
     * The host of another host's network.
     *
     * @param networkId the network
     * @return its host, or {@code ?} when not known
     */
    String hostOf(String networkId) {
        return hosts.getOrDefault(networkId, "?");
    }

    /**
     * The subnets of other hosts' networks that carry a tag of the given network.
     *
     * @param local a network of this host
     * @return the subnets, in a stable order; empty for an untagged or internal network
     */
    List<IpPrefix> subnetsSharingTags(NetworkPlan local) {
        Set<IpPrefix> out = new LinkedHashSet<>();
        if (local.internal()) {
            return List.of();
        }
        for (NetworkPlan n : networks) {
            if (n.tags().stream().anyMatch(local.tags()::contains)) {
                out.addAll(n.subnets());
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The other hosts' endpoints that hold a role for a tag on a network carrying it.
     *
     * @param tag the tag
     * @param egress {@code true} for egress members, {@code false} for ingress members
     * @return the endpoints
     */
    List<EndpointRow> members(String tag, boolean egress) {
        Set<String> carrying = new java.util.HashSet<>();
        for (NetworkPlan n : networks) {
            if (n.tags().contains(tag)) {
                carrying.add(n.networkId());
            }
        }
        return endpoints.stream().filter(e -> carrying.contains(e.networkId()))
                .filter(e -> (egress ? e.egress() : e.ingress()).contains(tag)).toList();
    }
}
