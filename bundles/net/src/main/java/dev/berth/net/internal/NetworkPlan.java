package dev.berth.net.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.EgressMode;

/**
 * Everything the kernel needs to know about one network; stored as a row of {@code net_network}.
 *
 * @param networkId Docker's network ID
 * @param bridge its bridge
 * @param table its routing table
 * @param v4 its IPv4 subnet, or {@code null}
 * @param gateway4 the bridge's IPv4 address, or {@code null}
 * @param v6 its IPv6 subnet, or {@code null}
 * @param gateway6 the bridge's IPv6 address, or {@code null}
 * @param mtu the MTU
 * @param internal whether it has no way out at all
 * @param egress whether it reaches beyond the host
 * @param tags its tags
 * @param options the options Docker passed
 */
record NetworkPlan(String networkId, String bridge, int table, IpPrefix v4, InetAddress gateway4, IpPrefix v6,
        InetAddress gateway6, int mtu, boolean internal, EgressMode egress, List<String> tags,
        Map<String, String> options) {

    NetworkPlan {
        tags = List.copyOf(tags);
        options = Map.copyOf(options);
    }

    /** The VRF device of this network, when routing domains are VRFs. */
    String vrf() {
        return Names.vrf(networkId);
    }

    List<IpPrefix> subnets() {
        List<IpPrefix> out = new ArrayList<>();
        if (v4 != null) {
            out.add(v4);
        }
        if (v6 != null) {
            out.add(v6);
        }
        return out;
    }

    List<InetAddress> gateways() {
        List<InetAddress> out = new ArrayList<>();
        if (gateway4 != null) {
            out.add(gateway4);
        }
        if (gateway6 != null) {
            out.add(gateway6);
        }
        return out;
    }

    /** The bridge's address in CIDR form, as {@code ip address add} takes it. */
    static String cidr(InetAddress gateway, IpPrefix subnet) {
        return IpPrefix.format(gateway) + "/" + subnet.length();
    }
}
