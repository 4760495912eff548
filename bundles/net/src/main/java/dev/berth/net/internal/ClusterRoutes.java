package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelState;

/**
 * The way from a network's routing domain to the other hosts' networks that share one of its tags. A network's
 * table knows only its own subnet (and, without egress, ends in an unreachable default), so without these routes
 * its containers could not answer, let alone reach, a peer on another node.
 *
 * <ul>
 * <li>Policy routing: a {@code throw} route per peer subnet in the network's table, so the lookup goes on to the
 * main table, where FRR installs the routes it learns from the other nodes.</li>
 * <li>VRF: the main table's route to the peer subnet (the most specific covering it: the subnet itself or the
 * aggregate of the peer node's address block) is leaked into the VRF's table for the subnet (a VRF does not fall back
 * to the main table); while the main table has no route yet, none is leaked and the next pass tries again.</li>
 * </ul>
 * Routes Berth leaked for peers that are gone are removed; nothing else in the tables is touched.
 */
final class ClusterRoutes {

    private ClusterRoutes() {
    }

    /**
     * The steps that make each network's table hold exactly the routes its peers need.
     *
     * @param networks this host's networks
     * @param peers the other hosts' tagged networks
     * @param state the kernel as it is
     * @param vrf whether routing domains are VRFs
     * @return the steps, empty when the tables are as wanted
     */
    static List<KernelOp> plan(List<NetworkPlan> networks, ClusterPeers peers, KernelState state, boolean vrf) {
        List<KernelOp> ops = new ArrayList<>();
        for (NetworkPlan n : networks) {
            String table = Integer.toString(n.table());
            // a family the network does not have has no rule that would look in its table
            List<IpPrefix> wanted = peers.subnetsSharingTags(n).stream()
                    .filter(p -> p.isIpv6() ? n.v6() != null : n.v4() != null).toList();
            for (IpPrefix p : wanted) {
                String family = p.isIpv6() ? "-6 " : "";
                if (vrf) {
                    Optional<KernelState.Route> main = way(state, p);
                    Optional<KernelState.Route> leaked = route(state, table, p);
                    if (main.isPresent() && !main.get().device().isEmpty() && (leaked.isEmpty()
                            || !sameWay(leaked.get(), main.get()))) {
                        ops.add(KernelOp.ip(family + "route replace " + p + via(main.get()) + " table " + table));
                    }
                } else if (route(state, table, p).filter(r -> r.type().equals("throw")).isEmpty()) {
                    ops.add(KernelOp.ip(family + "route replace throw " + p + " table " + table));
                }
            }
            for (KernelState.Route r : state.routes()) {
                if (!r.table().equals(table) || r.destination().equals("default")) {
                    continue;
                }
                IpPrefix destination = prefix(r);
                if (destination == null) {
                    continue;
                }
                boolean own = n.subnets().contains(destination) || r.device().equals(n.bridge());
                boolean leakedByUs = vrf ? r.type().equals("unicast") && !own : r.type().equals("throw");
                if (leakedByUs && !wanted.contains(destination)) {
                    ops.add(KernelOp.ip((r.ipv6() ? "-6 " : "") + "route del " + (vrf ? "" : "throw ") + destination
                            + " table " + table));
                }
            }
        }
        return ops;
    }

    /**
     * The main table's route that carries a peer subnet: the most specific one covering it (FRR may have learned the
     * subnet itself or an aggregate of the peer node's block), never a default route, which would send the peer's
     * traffic out of the cluster.
     *
     * @param state the kernel as it is
     * @param p a peer subnet
     * @return the route, if the main table has one
     */
    static Optional<KernelState.Route> way(KernelState state, IpPrefix p) {
        KernelState.Route best = null;
        int bestLength = -1;
        for (KernelState.Route r : state.routes()) {
            if (r.ipv6() != p.isIpv6() || !r.table().equals("main") || !r.type().equals("unicast")
                    || r.destination().equals("default")) {
                continue;
            }
            IpPrefix covering = prefix(r);
            if (covering != null && covering.length() > 0 && covering.contains(p) && covering.length() > bestLength) {
                best = r;
                bestLength = covering.length();
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<KernelState.Route> route(KernelState state, String table, IpPrefix p) {
        return state.routes().stream().filter(r -> r.ipv6() == p.isIpv6() && r.table().equals(table)
                && !r.destination().equals("default") && p.equals(prefix(r))).findFirst();
    }

    private static boolean sameWay(KernelState.Route a, KernelState.Route b) {
        return a.device().equals(b.device()) && a.gateway().equals(b.gateway()) && a.type().equals("unicast");
    }

    private static String via(KernelState.Route main) {
        return (main.gateway().isEmpty() ? "" : " via " + main.gateway()) + " dev " + main.device();
    }

    /** {@code ip -j route} writes a host route without its length, which parses as a host prefix. */
    private static IpPrefix prefix(KernelState.Route r) {
        try {
            return IpPrefix.parse(r.destination());
        } catch (IllegalArgumentException e) {
            return null; // not an address: nothing Berth leaked
        }
    }
}
