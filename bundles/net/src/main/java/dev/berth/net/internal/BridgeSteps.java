package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.List;

import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelState;

/** The steps both routing domains share: the bridge, its sysctls and its addresses. */
final class BridgeSteps {

    private BridgeSteps() {
    }

    static List<KernelOp> create(NetworkPlan n, String master) {
        List<KernelOp> ops = new ArrayList<>();
        ops.add(KernelOp.ip("link add " + n.bridge() + " type bridge"));
        ops.add(KernelOp.ip("link set " + n.bridge() + " mtu " + n.mtu()));
        if (master != null) {
            ops.add(KernelOp.ip("link set " + n.bridge() + " master " + master));
        }
        ops.addAll(sysctls(n));
        ops.addAll(addresses(n));
        ops.add(KernelOp.ip("link set " + n.bridge() + " up"));
        return ops;
    }

    static List<KernelOp> sysctls(NetworkPlan n) {
        List<KernelOp> ops = new ArrayList<>();
        ops.add(KernelOp.sysctl("net.ipv6.conf." + n.bridge() + ".disable_ipv6", n.v6() == null ? "1" : "0"));
        if (n.v6() != null) {
            ops.add(KernelOp.sysctl("net.ipv6.conf." + n.bridge() + ".accept_dad", "0"));
        }
        // published ports reached on 127.0.0.1 leave through the bridge with a loopback source before SNAT
        ops.add(KernelOp.sysctl("net.ipv4.conf." + n.bridge() + ".route_localnet", "1"));
        return ops;
    }

    static List<KernelOp> addresses(NetworkPlan n) {
        List<KernelOp> ops = new ArrayList<>();
        if (n.gateway4() != null) {
            ops.add(KernelOp.ip("address add " + NetworkPlan.cidr(n.gateway4(), n.v4()) + " dev " + n.bridge()));
        }
        if (n.gateway6() != null) {
            ops.add(KernelOp.ip("-6 address add " + NetworkPlan.cidr(n.gateway6(), n.v6()) + " dev " + n.bridge()
                    + " nodad"));
        }
        return ops;
    }

    /** Restores a missing bridge whole, or the missing addresses and state of an existing one. */
    static List<KernelOp> repair(NetworkPlan n, KernelState state, String master) {
        KernelState.Link link = state.links().get(n.bridge());
        if (link == null) {
            return create(n, master);
        }
        List<KernelOp> ops = new ArrayList<>();
        if (master != null && !master.equals(link.master())) {
            ops.add(KernelOp.ip("link set " + n.bridge() + " master " + master));
        }
        for (KernelOp op : addresses(n)) {
            String line = ((KernelOp.Ip) op).line();
            String cidr = line.split(" ")[line.startsWith("-6") ? 3 : 2];
            if (!link.addresses().contains(cidr)) {
                ops.add(op);
            }
        }
        if (!link.up()) {
            ops.add(KernelOp.ip("link set " + n.bridge() + " up"));
        }
        return ops;
    }
}
