package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.berth.net.api.ReconcileReport;
import dev.berth.net.internal.kernel.Kernel;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelPlans;
import dev.berth.net.internal.kernel.KernelState;

/**
 * Brings the kernel in line with the stored networks. It recreates what is missing without touching what
 * exists (a bridge may carry running containers), and removes only objects Berth owns — recognized by their
 * name prefixes, rule priorities, table numbers and mark — that no stored network or endpoint accounts for.
 */
final class Reconciler {

    private final Kernel kernel;
    private final RoutingDomain routing;
    private final int tableBase;
    private final int tableCount;

    Reconciler(Kernel kernel, RoutingDomain routing, int tableBase, int tableCount) {
        this.kernel = kernel;
        this.routing = routing;
        this.tableBase = tableBase;
        this.tableCount = tableCount;
    }

    ReconcileReport run(List<NetworkPlan> networks, List<EndpointRow> endpoints) {
        KernelState state = kernel.observe();
        List<String> created = new ArrayList<>();
        List<String> removed = new ArrayList<>();

        for (NetworkPlan n : networks) {
            List<KernelOp> repair = routing.repair(n, state);
            if (!repair.isEmpty()) {
                KernelPlans.run(kernel, repair);
                created.add("network " + n.networkId().substring(0, 12) + " (" + n.bridge() + ", "
                        + routing.describe(n) + "): " + repair.stream().filter(KernelOp.Ip.class::isInstance)
                                .count() + " objects");
            }
        }
        List<KernelOp> replyRules = replyRules(networks, state, created, removed);
        KernelPlans.runIgnoringFailures(kernel, replyRules.stream().filter(op -> ((KernelOp.Ip) op).line()
                .contains(" del ")).toList());
        KernelPlans.run(kernel, replyRules.stream().filter(op -> !((KernelOp.Ip) op).line().contains(" del "))
                .toList());

        Set<String> wantedLinks = new HashSet<>();
        Set<Integer> wantedTables = new HashSet<>();
        for (NetworkPlan n : networks) {
            wantedLinks.add(n.bridge());
            wantedLinks.add(n.vrf());
            wantedTables.add(n.table());
        }
        for (EndpointRow e : endpoints) {
            if (!e.sandbox().isEmpty()) {
                wantedLinks.add(e.hostInterface());
                // until Docker has moved it into the container, the other end is still here
                wantedLinks.add(Names.peerVeth(e.endpointId()));
            }
        }
        List<String> stale = new ArrayList<>();
        for (KernelState.Link link : state.links().values()) {
            String name = link.name();
            boolean ours = name.startsWith(Names.BRIDGE) || name.startsWith(Names.VRF)
                    || name.startsWith(Names.HOST_VETH) || name.startsWith(Names.PEER_VETH);
            if (ours && !wantedLinks.contains(name)) {
                stale.add("link del " + name);
                removed.add("link " + name);
            }
        }
        for (KernelState.Rule rule : state.rules()) {
            boolean networkRule = RoutingDomain.ownsRule(rule, tableBase, tableCount) && rule.fwmark().isEmpty();
            if (networkRule && !wantedTables.contains(rule.priority())) {
                stale.add((rule.ipv6() ? "-6 " : "") + "rule del pref " + rule.priority());
                removed.add((rule.ipv6() ? "IPv6" : "IPv4") + " rule " + rule.priority());
            }
        }
        Set<String> flushed = new HashSet<>();
        for (KernelState.Route route : state.routes()) {
            int table = parseTable(route.table());
            if (table >= tableBase && table < tableBase + tableCount && !wantedTables.contains(table)
                    && flushed.add((route.ipv6() ? "6/" : "4/") + table)) {
                stale.add((route.ipv6() ? "-6 " : "") + "route flush table " + table);
                removed.add((route.ipv6() ? "IPv6" : "IPv4") + " table " + table);
            }
        }
        kernel.ipForce(stale);
        if (!state.nftTables().contains("inet berth") && !networks.isEmpty()) {
            created.add("nftables table inet berth");
        }
        return new ReconcileReport(created, removed);
    }

    /** The rules that send replies of published-port connections to the main table: there iff networks are. */
    private List<KernelOp> replyRules(List<NetworkPlan> networks, KernelState state, List<String> created,
            List<String> removed) {
        List<KernelOp> ops = replyRules(tableBase, !networks.isEmpty(), state);
        for (KernelOp op : ops) {
            String line = ((KernelOp.Ip) op).line();
            (line.contains(" del ") ? removed : created).add((line.startsWith("-6") ? "IPv6" : "IPv4") + " rule "
                    + (tableBase - 1) + " (replies of published ports)");
        }
        return ops;
    }

    /**
     * The steps that add the reply-mark rules when networks exist, or remove them when none do.
     *
     * @param tableBase the first table number; the rules sit just before it
     * @param wanted whether any network exists
     * @param state the kernel as it is
     * @return the steps, empty when the rules are as wanted
     */
    static List<KernelOp> replyRules(int tableBase, boolean wanted, KernelState state) {
        List<KernelOp> ops = new ArrayList<>();
        int pref = tableBase - 1;
        String mark = "0x" + Integer.toHexString(RoutingDomain.REPLY_MARK);
        for (boolean v6 : new boolean[] {false, true}) {
            boolean present = state.rules().stream().anyMatch(r -> r.ipv6() == v6 && r.priority() == pref
                    && r.fwmark().equalsIgnoreCase(mark));
            String family = v6 ? "-6 " : "";
            if (wanted && !present) {
                ops.add(KernelOp.ip(family + "rule add fwmark " + mark + " lookup main pref " + pref));
            } else if (!wanted && present) {
                ops.add(KernelOp.ip(family + "rule del pref " + pref));
            }
        }
        return ops;
    }

    private static int parseTable(String table) {
        try {
            return Integer.parseInt(table);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
