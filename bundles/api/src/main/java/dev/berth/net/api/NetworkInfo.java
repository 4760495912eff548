package dev.berth.net.api;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.berth.ipam.api.IpPrefix;

/**
 * A Berth network on this host.
 *
 * @param id Docker's network ID
 * @param bridge the bridge device, its L2 segment
 * @param table the routing table of its routing domain
 * @param subnets its IPv4 and IPv6 subnets
 * @param gateways the bridge's addresses, in the same order
 * @param mtu the MTU of the bridge and its ports
 * @param internal whether it was created with {@code --internal}
 * @param egress whether its containers may reach beyond the host
 * @param tags the tags given with {@code -o berth.tags=...}
 * @param options every driver option Docker passed
 * @param endpoints how many endpoints it has
 * @param createdAt when it was created
 */
public record NetworkInfo(String id, String bridge, int table, List<IpPrefix> subnets, List<InetAddress> gateways,
        int mtu, boolean internal, EgressMode egress, List<String> tags, Map<String, String> options, int endpoints,
        Instant createdAt) {

    /**
     * Copies the collections.
     *
     * @param id the id
     * @param bridge the bridge
     * @param table the table
     * @param subnets the subnets
     * @param gateways the gateways
     * @param mtu the MTU
     * @param internal internal or not
     * @param egress the egress mode
     * @param tags the tags
     * @param options the options
     * @param endpoints the endpoint count
     * @param createdAt the creation time
     */
    public NetworkInfo {
        subnets = List.copyOf(subnets);
        gateways = List.copyOf(gateways);
        tags = List.copyOf(tags);
        options = Map.copyOf(options);
    }
}
