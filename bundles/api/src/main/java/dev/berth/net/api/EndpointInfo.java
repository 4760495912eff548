package dev.berth.net.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * A container's endpoint on a Berth network.
 *
 * @param networkId the network
 * @param endpointId Docker's endpoint ID
 * @param hostInterface the host side of its veth pair, a port of the network's bridge
 * @param mac its MAC address
 * @param addresses its IPv4 and IPv6 addresses
 * @param sandbox the network namespace it joined, empty before Join
 * @param ports its published ports
 * @param egress the tags it may open connections for on a tagged network
 * @param ingress the tags it accepts connections for on a tagged network
 */
public record EndpointInfo(String networkId, String endpointId, String hostInterface, String mac,
        List<InetAddress> addresses, String sandbox, List<PortMapping> ports, Set<String> egress, Set<String> ingress) {

    /**
     * Copies the lists.
     *
     * @param networkId the network
     * @param endpointId the endpoint
     * @param hostInterface the host interface
     * @param mac the MAC
     * @param addresses the addresses
     * @param sandbox the sandbox key
     * @param ports the ports
     * @param egress the egress tags
     * @param ingress the ingress tags
     */
    public EndpointInfo {
        addresses = List.copyOf(addresses);
        ports = List.copyOf(ports);
        egress = Set.copyOf(egress);
        ingress = Set.copyOf(ingress);
    }

    /**
     * Tells whether the endpoint is in a container.
     *
     * @return {@code true} between Join and Leave
     */
    public boolean joined() {
        return !sandbox.isEmpty();
    }
}
