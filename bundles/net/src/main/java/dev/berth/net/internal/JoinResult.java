package dev.berth.net.internal;

import java.net.InetAddress;

/**
 * What Docker needs after Join: the interface to move into the container and its gateways.
 *
 * @param interfaceName the container side of the veth pair
 * @param gateway4 the IPv4 gateway, or {@code null} for a network with no way out
 * @param gateway6 the IPv6 gateway, or {@code null}
 */
public record JoinResult(String interfaceName, InetAddress gateway4, InetAddress gateway6) {
}
