package dev.berth.net.api;

import java.util.List;

import dev.berth.ipam.api.IpPrefix;

/**
 * A tagged network of another node sharing this host's store, with a tag of a network of this host: its members of
 * the shared tags may talk to this host's members in the tags' direction.
 *
 * @param host the node it is on
 * @param networkId its Docker network ID on that node
 * @param subnets its subnets
 * @param tags the tags it shares with networks of this host
 * @param localNetworks the IDs of this host's networks that share them
 * @param egress how many of its endpoints are egress members of a shared tag
 * @param ingress how many of its endpoints are ingress members of a shared tag
 * @param routes this host's way to each subnet, for example {@code 198.18.5.0/24 via 198.18.246.2 dev eth1}, or
 *     {@code 198.18.5.0/24 no route} while FRR has not learned it
 */
public record PeerNetwork(String host, String networkId, List<IpPrefix> subnets, List<String> tags,
        List<String> localNetworks, int egress, int ingress, List<String> routes) {

    /** Copies the lists. */
    public PeerNetwork {
        subnets = List.copyOf(subnets);
        tags = List.copyOf(tags);
        localNetworks = List.copyOf(localNetworks);
        routes = List.copyOf(routes);
    }
}
