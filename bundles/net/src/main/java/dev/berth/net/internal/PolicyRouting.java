package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.List;

import dev.berth.net.api.EgressMode;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelState;

/**
 * Routing domains without VRF: each network's traffic is looked up in a table of its own, selected by a
 * rule on the bridge ({@code iif}). The table knows only the network's own subnet; a network without egress
 * ends it with an unreachable default, so nothing it sends is routed anywhere else. Replies to connections
 * that came in through a published port carry a mark that sends them to the main table.
 */
final class PolicyRouting implements RoutingDomain {

    @Override
    public List<KernelOp> create(NetworkPlan n) {
        List<KernelOp> ops = new ArrayList<>(BridgeSteps.create(n, null));
        ops.addAll(tableAndRules(n));
        return ops;
    }

    private static List<KernelOp> tableAndRules(NetworkPlan n) {
        List<KernelOp> ops = new ArrayList<>();
        int t = n.table();
        if (n.v4() != null) {
            ops.add(KernelOp.ip("route add " + n.v4() + " dev " + n.bridge() + " table " + t));
            if (n.egress() == EgressMode.NONE) {
                ops.add(KernelOp.ip("route add unreachable default table " + t));
            }
            ops.add(KernelOp.ip("rule add iif " + n.bridge() + " lookup " + t + " pref " + t));
        }
        if (n.v6() != null) {
            ops.add(KernelOp.ip("-6 route add " + n.v6() + " dev " + n.bridge() + " table " + t));
            if (n.egress() == EgressMode.NONE) {
                ops.add(KernelOp.ip("-6 route add unreachable default table " + t));
            }
            ops.add(KernelOp.ip("-6 rule add iif " + n.bridge() + " lookup " + t + " pref " + t));
        }
        return ops;
    }

    @Override
    public List<KernelOp> teardown(NetworkPlan n) {
        int t = n.table();
        return List.of(KernelOp.ip("rule del pref " + t), KernelOp.ip("-6 rule del pref " + t),
                KernelOp.ip("route flush table " + t), KernelOp.ip("-6 route flush table " + t),
                KernelOp.ip("link del " + n.bridge()));
    }

    @Override
    public List<KernelOp> repair(NetworkPlan n, KernelState state) {
        boolean bridgeMissing = !state.links().containsKey(n.bridge());
        List<KernelOp> ops = new ArrayList<>(BridgeSteps.repair(n, state, null));
        String table = Integer.toString(n.table());
        for (KernelOp op : tableAndRules(n)) {
            String line = ((KernelOp.Ip) op).line();
            boolean v6 = line.startsWith("-6 ");
            String rest = v6 ? line.substring(3) : line;
            boolean present;
            if (rest.startsWith("rule")) {
                present = state.rules().stream().anyMatch(r -> r.ipv6() == v6 && r.priority() == n.table()
                        && r.iif().equals(n.bridge()));
            } else {
                // routes over the bridge went with it when the link went; the unreachable default did not
                boolean unreachable = rest.contains("unreachable");
                String destination = unreachable ? "default" : rest.split(" ")[2];
                present = (unreachable || !bridgeMissing) && state.routes().stream().anyMatch(r -> r.ipv6() == v6
                        && r.table().equals(table) && r.destination().equals(destination));
            }
            if (!present) {
                ops.add(op);
            }
        }
        return ops;
    }

    @Override
    public String describe(NetworkPlan n) {
        return "table " + n.table() + " (policy routing)";
    }
}
