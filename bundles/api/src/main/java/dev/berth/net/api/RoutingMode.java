package dev.berth.net.api;

/**
 * How a network's routing domain is built on this host.
 *
 * @param vrf whether each network gets a VRF device (otherwise policy-routing tables and rules)
 * @param reason why, as detected at start
 */
public record RoutingMode(boolean vrf, String reason) {
}
