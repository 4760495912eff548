package dev.berth.frr.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import dev.berth.ipam.api.IpPrefix;

/**
 * Renders FRR's integrated configuration: zebra (forwarding on) and bgpd (one iBGP peer-group {@code berth} holding
 * every peer, the node's prefixes as {@code network} statements per address family, this node's IPAM blocks as
 * {@code summary-only} aggregates, and an inbound prefix-list that accepts only the address plan's prefixes).
 * Deterministic: the same settings, prefixes and plan give the same text, so an unchanged configuration is
 * recognised by its hash.
 */
final class FrrConfigRenderer {

    /** The peer-group that carries every session's settings. */
    static final String GROUP = "berth";
    /** The prefix-list (IPv4 and IPv6) that filters what the peer-group accepts. */
    static final String INBOUND = "berth-in";

    private final FrrSettings settings;

    FrrConfigRenderer(FrrSettings settings) {
        this.settings = settings;
    }

    /**
     * Tells why a prefix cannot be announced, if it cannot.
     *
     * @param prefix a subnet of a Berth network
     * @return the reason, or empty when it can be announced
     */
    static Optional<String> refusal(IpPrefix prefix) {
        InetAddress a = prefix.network();
        if (prefix.length() == 0) {
            return Optional.of(prefix + " is a default route");
        }
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
                || a instanceof Inet4Address && (a.getAddress()[0] & 0xff) >= 240) {
            return Optional.of(prefix + " is not a unicast subnet (loopback, link-local, multicast or reserved)");
        }
        return Optional.empty();
    }

    /**
     * Renders the configuration.
     *
     * @param prefixes the prefixes to announce
     * @param plan what peers may announce, and this node's blocks to aggregate the prefixes in
     * @param maskPassword whether to show the password as {@code ********} (for operators) rather than as it is
     * @return the text of {@code frr.conf}
     * @throws IllegalArgumentException when a prefix cannot be announced ({@link #refusal(IpPrefix)})
     */
    String render(List<IpPrefix> prefixes, RoutingPlan plan, boolean maskPassword) {
        TreeSet<String> v4 = new TreeSet<>();
        TreeSet<String> v6 = new TreeSet<>();
        for (IpPrefix p : prefixes) {
            refusal(p).ifPresent(why -> {
                throw new IllegalArgumentException("cannot announce " + why);
            });
            (p.network() instanceof Inet6Address ? v6 : v4).add(p.toString());
        }
        StringBuilder c = new StringBuilder();
        c.append("! Rendered by Berth (dev.berth.frr); changes here are overwritten.\n");
        c.append("frr version 8.4\nfrr defaults traditional\n");
        c.append("ip forwarding\nipv6 forwarding\n!\n");
        c.append("router bgp ").append(settings.asn()).append('\n');
        settings.routerId().ifPresent(id -> c.append(" bgp router-id ").append(IpPrefix.format(id)).append('\n'));
        c.append(" no bgp default ipv4-unicast\n");
        c.append(" bgp log-neighbor-changes\n");
        // announce a network only while its subnet is in the kernel's table, i.e. its bridge exists
        c.append(" bgp network import-check\n");
        c.append(" timers bgp ").append(settings.keepalive().toSeconds()).append(' ')
                .append(settings.hold().toSeconds()).append('\n');
        c.append(" neighbor ").append(GROUP).append(" peer-group\n");
        c.append(" neighbor ").append(GROUP).append(" remote-as internal\n");
        // retry a refused connection soon (a peer that starts later), not after the default 120 s
        c.append(" neighbor ").append(GROUP).append(" timers connect 5\n");
        if (!settings.password().isEmpty()) {
            c.append(" neighbor ").append(GROUP).append(" password ")
                    .append(maskPassword ? "********" : settings.password()).append('\n');
        }
        if (settings.bfd()) {
            c.append(" neighbor ").append(GROUP).append(" bfd\n");
        }
        for (InetAddress peer : settings.peers()) {
            c.append(" neighbor ").append(IpPrefix.format(peer)).append(" peer-group ").append(GROUP).append('\n');
        }
        family(c, "ipv4", v4, aggregates(plan, prefixes, false),
                settings.peers().stream().filter(p -> p instanceof Inet4Address).toList());
        family(c, "ipv6", v6, aggregates(plan, prefixes, true),
                settings.peers().stream().filter(p -> p instanceof Inet6Address).toList());
        c.append("exit\n!\n");
        inbound(c, "ip", plan, false);
        inbound(c, "ipv6", plan, true);
        return c.toString();
    }

    private static void family(StringBuilder c, String afi, TreeSet<String> networks, List<IpPrefix> aggregates,
            List<InetAddress> peers) {
        if (networks.isEmpty() && peers.isEmpty()) {
            return;
        }
        c.append(" !\n address-family ").append(afi).append(" unicast\n");
        networks.forEach(n -> c.append("  network ").append(n).append('\n'));
        aggregates.forEach(a -> c.append("  aggregate-address ").append(a).append(" summary-only\n"));
        c.append("  neighbor ").append(GROUP).append(" prefix-list ").append(INBOUND).append(" in\n");
        peers.forEach(p -> c.append("  neighbor ").append(IpPrefix.format(p)).append(" activate\n"));
        c.append(" exit-address-family\n");
    }

    /**
     * This node's blocks of one family that hold at least one announced prefix longer than the block: peers get the
     * block instead of the prefixes in it. A block nothing is announced in is left out (bgpd would not announce it).
     */
    private static List<IpPrefix> aggregates(RoutingPlan plan, List<IpPrefix> prefixes, boolean ipv6) {
        return plan.blocks().stream().filter(b -> b.isIpv6() == ipv6)
                .filter(b -> prefixes.stream().anyMatch(p -> p.length() > b.length() && b.contains(p)))
                .sorted(java.util.Comparator.comparing(IpPrefix::toString)).toList();
    }

    /** The prefix-list of one family: the plan's prefixes at the lengths a node announces, all else denied. */
    private static void inbound(StringBuilder c, String keyword, RoutingPlan plan, boolean ipv6) {
        List<RoutingPlan.Accepted> accepted = plan.accepted().stream().filter(a -> a.prefix().isIpv6() == ipv6)
                .toList();
        String head = keyword + " prefix-list " + INBOUND + " seq ";
        if (accepted.isEmpty()) {
            c.append(head).append("5 deny any\n!\n");
            return;
        }
        int seq = 5;
        for (RoutingPlan.Accepted a : accepted) {
            c.append(head).append(seq).append(" permit ").append(a.prefix());
            int length = a.prefix().length();
            // FRR wants len < ge <= le; "le" alone starts at the prefix's own length
            if (a.shortest() > length) {
                c.append(" ge ").append(a.shortest());
            }
            if (a.longest() > length) {
                c.append(" le ").append(a.longest());
            }
            c.append('\n');
            seq += 5;
        }
        c.append("!\n");
    }
}
