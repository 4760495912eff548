package dev.berth.frr.api;

import dev.berth.ipam.api.IpPrefix;

/**
 * A route in bgpd's table.
 *
 * @param prefix the destination
 * @param nextHop the next hop, empty for a route this node announces
 * @param peer the peer it was learned from, empty for a route this node announces
 * @param best whether it is the best path, the one installed in the kernel
 * @param local whether this node announces it
 */
public record BgpRoute(IpPrefix prefix, String nextHop, String peer, boolean best, boolean local) {
}
