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
        String s = Firewall.render(NETWORKS, PORTS);
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
    public void withoutNetworksTheTableIsRemoved() {
        assertEquals("table inet berth\ndelete table inet berth\n", Firewall.render(List.of(), List.of()));
    }

    @Test
    public void theRulesetIsValidNftables() throws Exception {
        // nft --check parses and validates against the kernel without changing anything
        Process p = new ProcessBuilder("nft", "--check", "-f", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(Firewall.render(NETWORKS, PORTS).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(out, 0, p.exitValue());
    }
}
