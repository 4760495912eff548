package dev.berth.net.api;

import java.net.InetAddress;
import java.util.List;

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
 */
public record EndpointInfo(String networkId, String endpointId, String hostInterface, String mac,
        List<InetAddress> addresses, String sandbox, List<PortMapping> ports) {

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
     */
    public EndpointInfo {
        addresses = List.copyOf(addresses);
        ports = List.copyOf(ports);
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
