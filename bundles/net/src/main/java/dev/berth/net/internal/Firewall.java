package dev.berth.net.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;


import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.EgressMode;
import dev.berth.net.api.PortMapping;

/**
 * Renders Berth's whole nftables table, {@code inet berth}, from the stored networks and endpoints, and
 * replaces it in one atomic transaction. Nothing outside that table is touched.
 *
 * <ul>
 * <li>Isolation: traffic between two Berth networks is dropped; a network without egress reaches nothing but
 * itself and the host; only published ports reach into a network from outside.</li>
 * <li>Egress: a network with {@code berth.egress=nat} leaves through the host's uplinks, masqueraded.</li>
 * <li>Ingress: each published port is a DNAT from the host's addresses (and from the host itself).</li>
 * <li>Cluster: a tag spans the hosts sharing the store. An egress member of a tag here may open connections to
 * the ingress members of that tag on other hosts, and theirs to ours, over the routes between the hosts, without
 * NAT (the other host checks the real source address).</li>
 * </ul>
 */
final class Firewall {

    static final String TABLE = "inet berth";

    /** A published port with the container address it leads to. */
    record Published(PortMapping port, InetAddress container) {
    }

    private Firewall() {
    }

    /**
     * Renders the script that replaces the table.
     *
     * @param networks the networks of this host
     * @param published the published ports of their endpoints
     * @param endpoints the endpoints, whose tag roles decide direction on tagged networks
     * @return the nft script
     */
    static String render(List<NetworkPlan> networks, List<Published> published, List<EndpointRow> endpoints) {
        return render(networks, published, endpoints, ClusterPeers.NONE);
    }

    /**
     * Renders the script that replaces the table, with the pairs of tag members across hosts.
     *
     * @param networks the networks of this host
     * @param published the published ports of their endpoints
     * @param endpoints the endpoints, whose tag roles decide direction on tagged networks
     * @param peers the other hosts' tagged networks and endpoints
     * @return the nft script
     */
    static String render(List<NetworkPlan> networks, List<Published> published, List<EndpointRow> endpoints,
            ClusterPeers peers) {
        StringBuilder s = new StringBuilder();
        s.append("table inet berth\ndelete table inet berth\n");
        if (networks.isEmpty()) {
            return s.toString();
        }
        s.append("table inet berth {\n");
        s.append("  chain forward {\n    type filter hook forward priority filter; policy accept;\n");
        s.append("    ct state established,related accept\n");
        s.append("    ct state invalid iifname \"bt-*\" drop\n");
        // within one network: bridged frames (with br_netfilter they show the bridge as both interfaces); on a
        // tagged network only egress -> ingress of a shared tag may open connections
        for (NetworkPlan n : networks) {
            s.append("    iifname \"").append(n.bridge()).append("\" oifname \"").append(n.bridge())
                    .append(n.tags().isEmpty() ? "\" accept\n" : "\" jump " + tagChain(n) + "\n");
        }
        s.append("    iifname \"bt-*\" oifname \"bt-*\" drop comment \"between Berth networks\"\n");
        for (NetworkPlan n : networks) {
            if (n.egress() != EgressMode.NAT) {
                continue;
            }
            if (n.tags().isEmpty()) {
                s.append("    iifname \"").append(n.bridge()).append("\" accept comment \"egress ")
                        .append(n.networkId(), 0, 12).append("\"\n");
            } else { // a tagged network lets out only the containers with an egress tag of it
                List<EndpointRow> out = members(n, endpoints).stream().filter(e -> !e.egress().isEmpty()).toList();
                appendSourceRule(s, n, out, false, "accept comment \"egress " + n.networkId().substring(0, 12) + "\"");
                appendSourceRule(s, n, out, true, "accept comment \"egress " + n.networkId().substring(0, 12) + "\"");
            }
        }
        for (NetworkPlan n : networks) {
            if (!n.tags().isEmpty() && !n.internal()) {
                appendClusterRules(s, n, members(n, endpoints), peers);
            }
        }
        s.append("    oifname \"bt-*\" ct status dnat accept comment \"published ports\"\n");
        s.append("    iifname \"bt-*\" drop comment \"no egress\"\n");
        s.append("    oifname \"bt-*\" drop comment \"no ingress but published ports\"\n");
        s.append("  }\n");

        for (NetworkPlan n : networks) {
            if (!n.tags().isEmpty()) {
                appendTagChain(s, n, members(n, endpoints));
            }
        }

        s.append("  chain mark_replies {\n    type filter hook prerouting priority mangle; policy accept;\n");
        s.append("    iifname \"bt-*\" ct direction reply ct status dnat meta mark set 0x")
                .append(Integer.toHexString(RoutingDomain.REPLY_MARK)).append('\n');
        s.append("  }\n");

        s.append("  chain published {\n");
        for (Published p : published) {
            s.append("    ").append(dnat(p)).append('\n');
        }
        s.append("  }\n");
        s.append("  chain prerouting_nat {\n    type nat hook prerouting priority dstnat; policy accept;\n");
        s.append("    fib daddr type local jump published\n  }\n");
        s.append("  chain output_nat {\n    type nat hook output priority -100; policy accept;\n");
        s.append("    fib daddr type local jump published\n  }\n");

        s.append("  chain postrouting_nat {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        appendClusterNoNat(s, networks, peers);
        for (NetworkPlan n : networks) {
            if (n.egress() == EgressMode.NAT) {
                for (IpPrefix subnet : n.subnets()) {
                    s.append("    ").append(subnet.isIpv6() ? "ip6" : "ip").append(" saddr ").append(subnet)
                            .append(" oifname != \"bt-*\" masquerade\n");
                }
            }
        }
        s.append("    oifname \"bt-*\" ip saddr 127.0.0.0/8 masquerade comment \"published ports on loopback\"\n");
        s.append("  }\n}\n");
        return s.toString();
    }

    /**
     * Across hosts, per tag of a local network: its egress members to the other hosts' ingress members, and the
     * other hosts' egress members to its ingress members. The earlier drop between Berth networks keeps these
     * rules to traffic that leaves or enters through the host's uplinks.
     */
    private static void appendClusterRules(StringBuilder s, NetworkPlan n, List<EndpointRow> local,
            ClusterPeers peers) {
        for (String tag : n.tags()) {
            for (boolean v6 : new boolean[] {false, true}) {
                String family = v6 ? "ip6" : "ip";
                String comment = " accept comment \"cluster " + tag + "\"\n";
                String out = addresses(local.stream().filter(e -> e.egress().contains(tag)).toList(), v6);
                String remoteIn = addresses(peers.members(tag, false), v6);
                if (!out.isEmpty() && !remoteIn.isEmpty()) {
                    s.append("    iifname \"").append(n.bridge()).append("\" ").append(family).append(" saddr { ")
                            .append(out).append(" } ").append(family).append(" daddr { ").append(remoteIn).append(" }")
                            .append(comment);
                }
                String remoteOut = addresses(peers.members(tag, true), v6);
                String in = addresses(local.stream().filter(e -> e.ingress().contains(tag)).toList(), v6);
                if (!remoteOut.isEmpty() && !in.isEmpty()) {
                    // only from the interface this host routes the peer's address through: a container on some
                    // other local network cannot pass for a peer by forging its source address
                    s.append("    oifname \"").append(n.bridge()).append("\" ").append(family).append(" saddr { ")
                            .append(remoteOut).append(" } ").append(family).append(" daddr { ").append(in).append(" }")
                            .append(" fib saddr . iif oif exists").append(comment);
                }
            }
        }
    }

    /** Traffic to the other hosts' networks that share a tag keeps its source address. */
    private static void appendClusterNoNat(StringBuilder s, List<NetworkPlan> networks, ClusterPeers peers) {
        java.util.Set<IpPrefix> remote = new java.util.TreeSet<>(java.util.Comparator.comparing(IpPrefix::toString));
        for (NetworkPlan n : networks) {
            if (n.egress() == EgressMode.NAT) {
                remote.addAll(peers.subnetsSharingTags(n));
            }
        }
        for (boolean v6 : new boolean[] {false, true}) {
            String list = remote.stream().filter(p -> p.isIpv6() == v6).map(IpPrefix::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
            if (!list.isEmpty()) {
                s.append("    ").append(v6 ? "ip6" : "ip").append(" daddr { ").append(list)
                        .append(" } accept comment \"cluster: no NAT\"\n");
            }
        }
    }

    private static String tagChain(NetworkPlan n) {
        return "tags_" + n.networkId().substring(0, 12);
    }

    private static List<EndpointRow> members(NetworkPlan n, List<EndpointRow> endpoints) {
        return endpoints.stream().filter(e -> e.networkId().equals(n.networkId())).toList();
    }

    /** Direction on a tagged network: for each tag, its egress members may open connections to its ingress ones. */
    private static void appendTagChain(StringBuilder s, NetworkPlan n, List<EndpointRow> members) {
        s.append("  chain ").append(tagChain(n)).append(" {\n");
        s.append("    icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert } accept\n");
        for (String tag : n.tags()) {
            for (boolean v6 : new boolean[] {false, true}) {
                String from = addresses(members.stream().filter(e -> e.egress().contains(tag)).toList(), v6);
                String to = addresses(members.stream().filter(e -> e.ingress().contains(tag)).toList(), v6);
                if (!from.isEmpty() && !to.isEmpty()) {
                    String family = v6 ? "ip6" : "ip";
                    s.append("    ").append(family).append(" saddr { ").append(from).append(" } ").append(family)
                            .append(" daddr { ").append(to).append(" } accept comment \"").append(tag).append("\"\n");
                }
            }
        }
        s.append("    drop\n  }\n");
    }

    private static void appendSourceRule(StringBuilder s, NetworkPlan n, List<EndpointRow> from, boolean v6,
            String verdict) {
        String list = addresses(from, v6);
        if (!list.isEmpty()) {
            s.append("    iifname \"").append(n.bridge()).append("\" ").append(v6 ? "ip6" : "ip").append(" saddr { ")
                    .append(list).append(" } ").append(verdict).append('\n');
        }
    }

    private static String addresses(List<EndpointRow> endpoints, boolean v6) {
        return endpoints.stream().map(e -> v6 ? e.ipv6() : e.ipv4()).filter(a -> a != null).map(IpPrefix::format)
                .distinct().sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    private static String dnat(Published p) {
        boolean v6 = p.container() instanceof Inet6Address;
        String family = v6 ? "ip6" : "ip";
        StringBuilder rule = new StringBuilder("meta nfproto ").append(v6 ? "ipv6" : "ipv4").append(' ');
        String host = p.port().hostIp();
        if (!host.isEmpty() && !host.equals("0.0.0.0") && !host.equals("::")) {
            rule.append(family).append(" daddr ").append(p.port().hostIp()).append(' ');
        }
        String target = v6 ? "[" + IpPrefix.format(p.container()) + "]" : IpPrefix.format(p.container());
        rule.append(p.port().protocol()).append(" dport ").append(p.port().hostPort()).append(" dnat ")
                .append(family).append(" to ").append(target).append(':').append(p.port().containerPort());
        return rule.toString();
    }

}
