package dev.berth.dns.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

import dev.berth.ipam.api.IpPrefix;

/**
 * A Berth network as the DNS server needs it: its subnets get reverse zones and may recurse through the
 * server, and its gateway addresses are where the server listens for the network's containers. Everything
 * here is known to the network driver at {@code CreateNetwork}.
 *
 * @param id Docker's network ID
 * @param name the network's name when known, for operators only; may be empty
 * @param subnets the network's IPv4 and IPv6 subnets
 * @param gateways the gateway addresses of the network on this host; the server listens on each
 */
public record DnsNetwork(String id, String name, List<IpPrefix> subnets, List<InetAddress> gateways) {

    /**
     * Validates the fields and copies the lists.
     *
     * @param id the network ID
     * @param name the network name, or empty
     * @param subnets the subnets
     * @param gateways the gateway addresses
     */
    public DnsNetwork {
        if (Objects.requireNonNull(id, "id").isBlank()) {
            throw new IllegalArgumentException("a network needs an ID");
        }
        Objects.requireNonNull(name, "name");
        subnets = List.copyOf(subnets);
        gateways = List.copyOf(gateways);
    }
}
