package dev.berth.net.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.berth.net.api.EndpointInfo;
import dev.berth.net.api.PortMapping;

/**
 * An endpoint as stored.
 *
 * @param networkId its network
 * @param endpointId Docker's endpoint ID
 * @param hostInterface the host side of its veth pair
 * @param mac its MAC address
 * @param ipv4 its IPv4 address, or {@code null}
 * @param ipv6 its IPv6 address, or {@code null}
 * @param sandbox the namespace it joined, empty when not joined
 * @param ports its published ports
 * @param egress the tags it may open connections for
 * @param ingress the tags it accepts connections for
 */
record EndpointRow(String networkId, String endpointId, String hostInterface, String mac, InetAddress ipv4,
        InetAddress ipv6, String sandbox, List<PortMapping> ports, Set<String> egress, Set<String> ingress) {

    EndpointRow {
        ports = List.copyOf(ports);
        egress = Set.copyOf(egress);
        ingress = Set.copyOf(ingress);
    }

    EndpointRow withSandbox(String value, List<PortMapping> newPorts) {
        return new EndpointRow(networkId, endpointId, hostInterface, mac, ipv4, ipv6, value, newPorts, egress, ingress);
    }

    EndpointRow withPorts(List<PortMapping> newPorts) {
        return withSandbox(sandbox, newPorts);
    }

    EndpointRow withRoles(Set<String> newEgress, Set<String> newIngress) {
        return new EndpointRow(networkId, endpointId, hostInterface, mac, ipv4, ipv6, sandbox, ports, newEgress,
                newIngress);
    }

    List<InetAddress> addresses() {
        List<InetAddress> out = new ArrayList<>();
        if (ipv4 != null) {
            out.add(ipv4);
        }
        if (ipv6 != null) {
            out.add(ipv6);
        }
        return out;
    }

    EndpointInfo info() {
        return new EndpointInfo(networkId, endpointId, hostInterface, mac, addresses(), sandbox, ports, egress, ingress);
    }
}
