package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.berth.net.api.EgressMode;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelState;

/**
 * Routing domains as VRFs: the bridge is enslaved to a VRF device bound to the network's table, so the
 * kernel keeps the network's routes apart by construction. A network without egress ends its table with an
 * unreachable default; one with egress leaks a default route to the host's uplink into it. The subnet is
 * leaked into the main table so the host (and published ports) can reach the containers.
 */
final class VrfRouting implements RoutingDomain {

    /** The host's default routes: {@code via GATEWAY dev DEVICE}, for IPv4 and IPv6. */
    record Uplinks(String ipv4, String ipv6) {
    }

    private final Supplier<Uplinks> uplinks;

    VrfRouting(Supplier<Uplinks> uplinks) {
        this.uplinks = uplinks;
    }

    @Override
    public List<KernelOp> create(NetworkPlan n) {
        List<KernelOp> ops = new ArrayList<>();
        ops.add(KernelOp.ip("link add " + n.vrf() + " type vrf table " + n.table()));
        ops.add(KernelOp.ip("link set " + n.vrf() + " up"));
        ops.addAll(BridgeSteps.create(n, n.vrf()));
        ops.addAll(routes(n));
        return ops;
    }

    private List<KernelOp> routes(NetworkPlan n) {
        List<KernelOp> ops = new ArrayList<>();
        int t = n.table();
        Uplinks up = n.egress() == EgressMode.NAT ? uplinks.get() : null;
        if (n.v4() != null) {
            ops.add(KernelOp.ip("route add " + n.v4() + " dev " + n.bridge()));
            if (n.egress() == EgressMode.NONE) {
                ops.add(KernelOp.ip("route add unreachable default table " + t));
            } else if (up.ipv4() != null) {
                ops.add(KernelOp.ip("route add default " + up.ipv4() + " table " + t));
            }
        }
        if (n.v6() != null) {
            ops.add(KernelOp.ip("-6 route add " + n.v6() + " dev " + n.bridge()));
            if (n.egress() == EgressMode.NONE) {
                ops.add(KernelOp.ip("-6 route add unreachable default table " + t));
            } else if (up.ipv6() != null) {
                ops.add(KernelOp.ip("-6 route add default " + up.ipv6() + " table " + t));
            }
        }
        return ops;
    }

    @Override
    public List<KernelOp> teardown(NetworkPlan n) {
        return List.of(KernelOp.ip("link del " + n.bridge()), KernelOp.ip("link del " + n.vrf()),
                KernelOp.ip("route flush table " + n.table()), KernelOp.ip("-6 route flush table " + n.table()));
    }

    @Override
    public List<KernelOp> repair(NetworkPlan n, KernelState state) {
        if (!state.links().containsKey(n.vrf())) {
            List<KernelOp> ops = new ArrayList<>();
            ops.addAll(teardown(n));
            ops.addAll(create(n));
            return ops;
        }
        List<KernelOp> ops = new ArrayList<>(BridgeSteps.repair(n, state, n.vrf()));
        if (!state.links().containsKey(n.bridge())) {
            ops.addAll(routes(n));
        }
        return ops;
    }

    @Override
    public String describe(NetworkPlan n) {
        return "vrf " + n.vrf() + " (table " + n.table() + ")";
    }
}
