package dev.berth.net.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

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
 */
record EndpointRow(String networkId, String endpointId, String hostInterface, String mac, InetAddress ipv4,
        InetAddress ipv6, String sandbox, List<PortMapping> ports) {

    EndpointRow {
        ports = List.copyOf(ports);
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
        return new EndpointInfo(networkId, endpointId, hostInterface, mac, addresses(), sandbox, ports);
    }
}
