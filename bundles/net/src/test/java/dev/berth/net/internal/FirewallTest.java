package dev.berth.net.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.EgressMode;
import dev.berth.net.api.PortMapping;

public class FirewallTest {

    static final String A = "aaaaaaaaaaaa" + "0".repeat(52);
    static final String B = "bbbbbbbbbbbb" + "0".repeat(52);

    static NetworkPlan net(String id, EgressMode egress, String v4, String v6) {
        return new NetworkPlan(id, Names.bridge(id), 25000, IpPrefix.parse(v4), null,
                v6 == null ? null : IpPrefix.parse(v6), null, 1500, false, egress, List.of(), Map.of());
    }

    static final List<NetworkPlan> NETWORKS = List.of(net(A, EgressMode.NAT, "198.18.1.0/24", "fd00:1::/64"),
            net(B, EgressMode.NONE, "198.18.2.0/24", null));
    static final List<Firewall.Published> PORTS = List.of(
            new Firewall.Published(new PortMapping("tcp", "", 8080, 80), IpPrefix.parseAddress("198.18.2.5")),
            new Firewall.Published(new PortMapping("udp", "198.18.9.1", 5353, 53), IpPrefix.parseAddress("198.18.1.7")),
            new Firewall.Published(new PortMapping("tcp", "::", 8080, 80), IpPrefix.parseAddress("fd00:1::7")));

    @Test
    public void isolationEgressAndIngressRules() {
        String s = Firewall.render(NETWORKS, PORTS, List.of());
        assertTrue(s, s.startsWith("table inet berth\ndelete table inet berth\ntable inet berth {"));
        assertTrue(s, s.contains("iifname \"bt-aaaaaaaaaaaa\" oifname \"bt-aaaaaaaaaaaa\" accept"));
        assertTrue(s, s.contains("iifname \"bt-bbbbbbbbbbbb\" oifname \"bt-bbbbbbbbbbbb\" accept"));
        assertTrue(s, s.contains("iifname \"bt-*\" oifname \"bt-*\" drop"));
        assertTrue(s, s.contains("iifname \"bt-aaaaaaaaaaaa\" accept comment \"egress aaaaaaaaaaaa\""));
        assertFalse(s, s.contains("iifname \"bt-bbbbbbbbbbbb\" accept"));
        assertTrue(s, s.contains("ip saddr 198.18.1.0/24 oifname != \"bt-*\" masquerade"));
        assertTrue(s, s.contains("ip6 saddr fd00:1::/64 oifname != \"bt-*\" masquerade"));
        assertFalse(s, s.contains("198.18.2.0/24 oifname"));
        assertTrue(s, s.contains("meta nfproto ipv4 tcp dport 8080 dnat ip to 198.18.2.5:80"));
        assertTrue(s, s.contains("meta nfproto ipv4 ip daddr 198.18.9.1 udp dport 5353 dnat ip to 198.18.1.7:53"));
        assertTrue(s, s.contains("meta nfproto ipv6 tcp dport 8080 dnat ip6 to [fd00:1::7]:80"));
        // the inter-network drop comes before any egress accept
        assertTrue(s.indexOf("oifname \"bt-*\" drop comment \"between") < s.indexOf("comment \"egress"));
    }

    @Test
    public void aTaggedNetworkLetsOnlyEgressReachIngressOfTheSameTag() throws Exception {
        NetworkPlan tagged = new NetworkPlan(A, Names.bridge(A), 25000, IpPrefix.parse("198.18.1.0/24"), null,
                IpPrefix.parse("fd00:1::/64"), null, 1500, false, EgressMode.NAT, List.of("db", "web"), Map.of());
        List<EndpointRow> endpoints = List.of(
                row("198.18.1.2", "fd00:1::2", java.util.Set.of("web"), java.util.Set.of()),
                row("198.18.1.3", "fd00:1::3", java.util.Set.of("db"), java.util.Set.of("web")),
                row("198.18.1.4", null, java.util.Set.of(), java.util.Set.of("db")));
        String s = Firewall.render(List.of(tagged), List.of(), endpoints);
        assertTrue(s, s.contains("iifname \"bt-aaaaaaaaaaaa\" oifname \"bt-aaaaaaaaaaaa\" jump tags_aaaaaaaaaaaa"));
        assertTrue(s, s.contains("ip saddr { 198.18.1.2 } ip daddr { 198.18.1.3 } accept comment \"web\""));
        assertTrue(s, s.contains("ip saddr { 198.18.1.3 } ip daddr { 198.18.1.4 } accept comment \"db\""));
        assertTrue(s, s.contains("ip6 saddr { fd00:1::2 } ip6 daddr { fd00:1::3 } accept comment \"web\""));
        assertFalse("no IPv6 ingress for db: no rule", s.contains("comment \"db\"\n    ip6") && s.contains("ip6 daddr { } "));
        assertTrue(s, s.contains("iifname \"bt-aaaaaaaaaaaa\" ip saddr { 198.18.1.2, 198.18.1.3 } accept comment \"egress"));
        assertEquals(0, nftCheck(s));
    }

    static EndpointRow row(String v4, String v6, java.util.Set<String> egress, java.util.Set<String> ingress) {
        return new EndpointRow(A, v4.replace(".", "") + "0".repeat(56), "bh-x", "02:00:00:00:00:01",
                IpPrefix.parseAddress(v4), v6 == null ? null : IpPrefix.parseAddress(v6), "/ns", List.of(), egress, ingress);
    }

    static int nftCheck(String script) throws Exception {
        Process p = new ProcessBuilder("nft", "--check", "-f", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        if (p.exitValue() != 0) {
            System.err.println(out);
        }
        return p.exitValue();
    }

    @Test
    public void withoutNetworksTheTableIsRemoved() {
        assertEquals("table inet berth\ndelete table inet berth\n", Firewall.render(List.of(), List.of(), List.of()));
    }

    @Test
    public void theRulesetIsValidNftables() throws Exception {
        // nft --check parses and validates against the kernel without changing anything
        Process p = new ProcessBuilder("nft", "--check", "-f", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(Firewall.render(NETWORKS, PORTS, List.of()).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(out, 0, p.exitValue());
    }

    @Test
    public void aTagSpansHostsEgressHereToIngressThereAndBackWithoutNat() throws Exception {
        String remote = "cccccccccccc" + "0".repeat(52);
        NetworkPlan tagged = new NetworkPlan(A, Names.bridge(A), 25000, IpPrefix.parse("198.18.1.0/24"), null,
                IpPrefix.parse("fd00:1::/64"), null, 1500, false, EgressMode.NAT, List.of("db"), Map.of());
        NetworkPlan there = new NetworkPlan(remote, Names.bridge(remote), 25000, IpPrefix.parse("198.18.5.0/24"), null,
                IpPrefix.parse("fd00:5::/64"), null, 1500, false, EgressMode.NONE, List.of("db"), Map.of());
        List<EndpointRow> here = List.of(row("198.18.1.2", "fd00:1::2", java.util.Set.of("db"), java.util.Set.of()),
                row("198.18.1.3", null, java.util.Set.of(), java.util.Set.of("db")));
        EndpointRow server = new EndpointRow(remote, "c1" + "0".repeat(62), "bh-c", "02:00:00:00:00:05",
                IpPrefix.parseAddress("198.18.5.2"), IpPrefix.parseAddress("fd00:5::2"), "/ns", List.of(),
                java.util.Set.of(), java.util.Set.of("db"));
        EndpointRow client = new EndpointRow(remote, "c2" + "0".repeat(62), "bh-d", "02:00:00:00:00:06",
                IpPrefix.parseAddress("198.18.5.3"), null, "/ns", List.of(), java.util.Set.of("db"), java.util.Set.of());
        String s = Firewall.render(List.of(tagged), List.of(), here, new ClusterPeers(List.of(there),
                List.of(server, client)));
        assertTrue(s, s.contains("iifname \"bt-aaaaaaaaaaaa\" ip saddr { 198.18.1.2 } ip daddr { 198.18.5.2 } accept "
                + "comment \"cluster db\""));
        assertTrue(s, s.contains("iifname \"bt-aaaaaaaaaaaa\" ip6 saddr { fd00:1::2 } ip6 daddr { fd00:5::2 } accept"));
        assertTrue(s, s.contains("oifname \"bt-aaaaaaaaaaaa\" ip saddr { 198.18.5.3 } ip daddr { 198.18.1.3 } "
                + "fib saddr . iif oif exists accept comment \"cluster db\""));
        assertFalse("the remote server opens nothing here", s.contains("saddr { 198.18.5.2 }"));
        assertFalse("no IPv6 ingress here", s.contains("oifname \"bt-aaaaaaaaaaaa\" ip6"));
        assertTrue(s, s.contains("ip daddr { 198.18.5.0/24 } accept comment \"cluster: no NAT\""));
        assertTrue(s, s.contains("ip6 daddr { fd00:5::/64 } accept comment \"cluster: no NAT\""));
        assertTrue("pairs come before the drops", s.indexOf("cluster db") < s.indexOf("drop comment \"no egress\""));
        assertTrue("no NAT comes before masquerade", s.indexOf("no NAT") < s.indexOf("masquerade"));
        assertEquals(0, nftCheck(s));
        assertFalse("no peers, no pairs", Firewall.render(List.of(tagged), List.of(), here).contains("cluster"));
    }
}
