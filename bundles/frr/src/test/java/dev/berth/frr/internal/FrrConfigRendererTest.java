package dev.berth.frr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.ipam.api.AddressSpaces;
import dev.berth.ipam.api.GatewayPolicy;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.PoolDefinition;
import dev.berth.net.api.EgressMode;
import dev.berth.net.api.NetworkInfo;

public class FrrConfigRendererTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FrrSettings settings(String password, boolean bfd) {
        return TestFrr.settings(true, 65010, "198.18.0.1", List.of("198.18.0.2", "198.18.0.3", "fd00:1::2"),
                password, bfd, tmp.getRoot().toPath(), "");
    }

    private static List<IpPrefix> prefixes(String... p) {
        return java.util.Arrays.stream(p).map(IpPrefix::parse).toList();
    }

    @Test
    public void rendersPeersAsnRouterIdAndPrefixesPerFamily() {
        String c = new FrrConfigRenderer(settings("", false)).render(prefixes("198.19.2.0/24", "fd00:b::/64",
                "198.19.1.0/24"), TestFrr.plan(), false);
        assertTrue(c, c.contains("router bgp 65010\n bgp router-id 198.18.0.1\n"));
        assertTrue(c, c.contains(" neighbor berth peer-group\n neighbor berth remote-as internal\n"));
        assertTrue(c, c.contains(" neighbor 198.18.0.2 peer-group berth\n neighbor 198.18.0.3 peer-group berth\n"
                + " neighbor fd00:1::2 peer-group berth\n"));
        assertTrue(c, c.contains(" address-family ipv4 unicast\n  network 198.19.1.0/24\n  network 198.19.2.0/24\n"
                + "  neighbor berth prefix-list berth-in in\n"
                + "  neighbor 198.18.0.2 activate\n  neighbor 198.18.0.3 activate\n exit-address-family\n"));
        assertTrue(c, c.contains(" address-family ipv6 unicast\n  network fd00:b::/64\n"
                + "  neighbor berth prefix-list berth-in in\n"
                + "  neighbor fd00:1::2 activate\n exit-address-family\n"));
        assertTrue(c, c.contains(" timers bgp 1 3\n"));
        assertFalse(c, c.contains("password"));
        assertFalse(c, c.contains("bfd"));
        assertTrue(c, c.contains("no bgp default ipv4-unicast"));
        assertTrue(c, c.contains(" bgp network import-check\n"));
    }

    @Test
    public void rendersTheInboundFilterAndTheAggregatesOfThisNodesBlocksExactly() {
        FrrSettings s = TestFrr.settings(true, 64512, "198.18.0.1", List.of("198.18.0.2", "fd00:fa::2"), "", false,
                tmp.getRoot().toPath(), "");
        // 198.19.1.0/24 lies in no block of this node (a --subnet grant, say); 198.19.32.0/20 holds no network
        String c = new FrrConfigRenderer(s).render(prefixes("198.19.17.0/24", "198.19.1.0/24", "198.19.16.0/24",
                "fd00:a1::/64", "fd00:a1:0:2::/64"), TestFrr.plan("198.19.16.0/20", "198.19.32.0/20", "fd00:a1::/48"),
                false);
        assertEquals(String.join("\n",
                "! Rendered by Berth (dev.berth.frr); changes here are overwritten.",
                "frr version 8.4",
                "frr defaults traditional",
                "ip forwarding",
                "ipv6 forwarding",
                "!",
                "router bgp 64512",
                " bgp router-id 198.18.0.1",
                " no bgp default ipv4-unicast",
                " bgp log-neighbor-changes",
                " bgp network import-check",
                " timers bgp 1 3",
                " neighbor berth peer-group",
                " neighbor berth remote-as internal",
                " neighbor berth timers connect 5",
                " neighbor 198.18.0.2 peer-group berth",
                " neighbor fd00:fa::2 peer-group berth",
                " !",
                " address-family ipv4 unicast",
                "  network 198.19.1.0/24",
                "  network 198.19.16.0/24",
                "  network 198.19.17.0/24",
                "  aggregate-address 198.19.16.0/20 summary-only",
                "  neighbor berth prefix-list berth-in in",
                "  neighbor 198.18.0.2 activate",
                " exit-address-family",
                " !",
                " address-family ipv6 unicast",
                "  network fd00:a1:0:2::/64",
                "  network fd00:a1::/64",
                "  aggregate-address fd00:a1::/48 summary-only",
                "  neighbor berth prefix-list berth-in in",
                "  neighbor fd00:fa::2 activate",
                " exit-address-family",
                "exit",
                "!",
                "ip prefix-list berth-in seq 5 permit 198.19.0.0/16 ge 20 le 24",
                "!",
                "ipv6 prefix-list berth-in seq 5 permit fd00::/16 ge 48 le 64",
                "!",
                ""), c);
    }

    @Test
    public void prefixListLengthsFollowEachPoolAndAnUnknownPlanDeniesEverything() {
        IpamSchema schema = new IpamSchema("t", new AddressSpaces("local", "global"), List.of(
                TestFrr.pool("nodes", "198.18.0.0/17", 24, 21),
                TestFrr.pool("flat", "198.18.128.0/18", 26, 0),
                TestFrr.pool("whole", "198.18.192.0/24", 24, 0),
                TestFrr.pool("blocks-are-the-prefix", "198.18.200.0/21", 24, 21),
                new PoolDefinition("global", "same-elsewhere", false, prefixes("198.18.128.0/18"), 26, List.of(),
                        GatewayPolicy.FIRST, 0, false, 9, 0, List.of())));
        String c = new FrrConfigRenderer(settings("", false)).render(prefixes("198.18.0.0/24"),
                RoutingPlan.of(schema, "this", List.of()), false);
        assertTrue(c, c.endsWith("!\n"
                + "ip prefix-list berth-in seq 5 permit 198.18.0.0/17 ge 21 le 24\n"
                + "ip prefix-list berth-in seq 10 permit 198.18.128.0/18 ge 26 le 26\n"
                + "ip prefix-list berth-in seq 15 permit 198.18.192.0/24\n"
                + "ip prefix-list berth-in seq 20 permit 198.18.200.0/21 le 24\n"
                + "!\n"
                + "ipv6 prefix-list berth-in seq 5 deny any\n"
                + "!\n"));
        assertFalse(c, c.contains("aggregate-address"));

        String unknown = new FrrConfigRenderer(settings("", false)).render(prefixes("198.18.0.0/24"),
                RoutingPlan.UNKNOWN, false);
        assertTrue(unknown, unknown.endsWith("exit\n!\nip prefix-list berth-in seq 5 deny any\n!\n"
                + "ipv6 prefix-list berth-in seq 5 deny any\n!\n"));
        assertTrue(unknown, unknown.contains("  neighbor berth prefix-list berth-in in\n"));
    }

    @Test
    public void onlyThisNodesBlocksThatHoldAnAnnouncedNetworkAreAggregated() {
        RoutingPlan plan = RoutingPlan.of(TestFrr.schema(), "this", List.of(TestFrr.block("this", "198.19.16.0/20"),
                TestFrr.block("other", "198.19.32.0/20"), TestFrr.block("this", "198.19.48.0/20"),
                TestFrr.block("this", "fd00:a1::/48")));
        assertEquals(prefixes("198.19.16.0/20", "198.19.48.0/20", "fd00:a1::/48"), plan.blocks());
        String c = new FrrConfigRenderer(settings("", false)).render(prefixes("198.19.33.0/24", "198.19.48.0/24",
                "fd00:b::/64"), plan, false);
        assertTrue(c, c.contains("  network 198.19.33.0/24\n  network 198.19.48.0/24\n"
                + "  aggregate-address 198.19.48.0/20 summary-only\n  neighbor berth prefix-list"));
        assertFalse(c, c.contains("aggregate-address 198.19.16.0/20"));
        assertFalse(c, c.contains("aggregate-address 198.19.32.0/20"));
        assertFalse(c, c.contains("aggregate-address fd00"));
    }

    @Test
    public void vtyshAcceptsTheFilterAndTheAggregates() throws Exception {
        TestFrr.assumeFrr();
        FrrConfigRenderer r = new FrrConfigRenderer(settings("s3cr3t", false));
        Vtysh vtysh = new Vtysh(TestFrr.VTYSH, TestFrr.FRR_DIR, tmp.getRoot().toPath(), Duration.ofSeconds(15));
        Path file = tmp.getRoot().toPath().resolve("frr.conf");
        for (RoutingPlan plan : List.of(TestFrr.plan("198.19.16.0/20", "fd00:a1::/48"), RoutingPlan.UNKNOWN,
                RoutingPlan.of(new IpamSchema("t", new AddressSpaces("local", "global"), List.of(
                        TestFrr.pool("whole", "198.18.192.0/24", 24, 0), TestFrr.pool("le", "198.18.200.0/21", 24, 21),
                        TestFrr.pool("v6", "fd00:1::/48", 64, 0))), "this", List.of()))) {
            String text = r.render(prefixes("198.19.16.0/24", "198.19.1.0/24", "fd00:a1::/64"), plan, false);
            Files.writeString(file, text);
            CommandRunner.Result check = vtysh.check(file);
            assertTrue(text + check.output(), check.ok());
        }
        // the check is real: a prefix-list entry FRR's grammar refuses fails it
        Files.writeString(file, r.render(prefixes("198.19.16.0/24"), TestFrr.plan(), false)
                .replace("ge 20 le 24", "ge 20 le 240"));
        assertFalse(vtysh.check(file).ok());
    }

    @Test
    public void passwordAndBfdGoOnThePeerGroupAndThePasswordIsMaskedForOperators() {
        FrrConfigRenderer r = new FrrConfigRenderer(settings("s3cr3t!", true));
        String c = r.render(prefixes("198.19.1.0/24"), TestFrr.plan(), false);
        assertTrue(c, c.contains(" neighbor berth password s3cr3t!\n"));
        assertTrue(c, c.contains(" neighbor berth bfd\n"));
        String masked = r.render(prefixes("198.19.1.0/24"), TestFrr.plan(), true);
        assertTrue(masked, masked.contains(" neighbor berth password ********\n"));
        assertFalse(masked, masked.contains("s3cr3t"));
    }

    @Test
    public void sameInputSameText() {
        FrrConfigRenderer r = new FrrConfigRenderer(settings("", false));
        assertEquals(r.render(prefixes("198.19.1.0/24", "198.19.2.0/24"), TestFrr.plan(), false),
                r.render(prefixes("198.19.2.0/24", "198.19.1.0/24"), TestFrr.plan(), false));
    }

    @Test
    public void familyWithoutPeersOrPrefixesIsLeftOut() {
        FrrSettings s = TestFrr.settings(true, 65010, null, List.of("198.18.0.2"), "", false, tmp.getRoot().toPath(),
                "");
        String c = new FrrConfigRenderer(s).render(prefixes("198.19.1.0/24"), TestFrr.plan(), false);
        assertFalse(c, c.contains("ipv6 unicast"));
        assertFalse(c, c.contains("router-id"));
    }

    @Test
    public void prefixesThatCannotBeAnnouncedAreRefused() {
        FrrConfigRenderer r = new FrrConfigRenderer(settings("", false));
        for (String bad : List.of("0.0.0.0/0", "::/0", "fe80::/64", "127.0.0.0/8", "224.0.0.0/4", "ff00::/8")) {
            try {
                r.render(prefixes("198.19.1.0/24", bad), TestFrr.plan(), false);
                fail("announced " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("cannot announce " + IpPrefix.parse(bad)));
            }
        }
    }

    @Test
    public void invalidSettingsAreRefusedNamingTheSetting() {
        assertRefused(Map.of("asn", 0L), "dev.berth.frr: asn must be 1 to 4294967295, not 0");
        assertRefused(Map.of("asn", 4_294_967_296L), "dev.berth.frr: asn must be 1 to 4294967295, not 4294967296");
        assertRefused(Map.of("peers", new String[] {"198.18.0.2, 198.18.0.256"}),
                "dev.berth.frr: peers: not an IP address: '198.18.0.256'");
        assertRefused(Map.of("peers", new String[] {"node2.example"}),
                "dev.berth.frr: peers: not an IP address: 'node2.example'");
        assertRefused(Map.of("peers", new String[] {"198.18.0.2 198.18.0.2"}), "dev.berth.frr: peers names an "
                + "address twice");
        assertRefused(Map.of("peers", new String[] {"fe80::1"}), "dev.berth.frr: peer fe80::1 is not a unicast");
        assertRefused(Map.of("router_id", "fd00::1"), "dev.berth.frr: router.id must be an IPv4 address");
        assertRefused(Map.of("password", "two words"), "dev.berth.frr: password must be at most 80 printable");
        assertRefused(Map.of("keepalive_seconds", 10, "hold_seconds", 20), "dev.berth.frr: keepalive.seconds");
        assertRefused(Map.of("netns", "a b"), "dev.berth.frr: netns must be");
    }

    private void assertRefused(Map<String, Object> values, String message) {
        Map<String, Object> all = new java.util.HashMap<>(values);
        all.put("enabled", true);
        all.put("runtime_dir", tmp.getRoot().toString());
        try {
            new FrrService(TestFrr.config(all)).deactivate();
            fail("accepted " + values);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(message));
        }
        assertFalse("wrote " + tmp.getRoot().toPath().resolve("frr"), Files.exists(tmp.getRoot().toPath()
                .resolve("frr")));
    }

    @Test
    public void settingsParsePeersFromOneEnvironmentValue() {
        FrrSettings s = FrrSettings.from(TestFrr.config(Map.of("peers", new String[] {" 198.18.0.2,fd00::2  198.18.0.3"},
                "router_id", "198.18.0.1", "asn", 4_200_000_000L)));
        assertEquals(TestFrr.addresses("198.18.0.2", "fd00::2", "198.18.0.3"), s.peers());
        assertEquals(4_200_000_000L, s.asn());
        assertFalse(s.enabled());
    }

    @Test
    public void disabledControllerRendersLeavesOutInternalAndUnannounceableSubnetsAndWritesNothing() {
        Path runtime = tmp.getRoot().toPath();
        BgpController c = new BgpController(TestFrr.settings(false, 65010, "198.18.0.1", List.of("198.18.0.2"), "",
                false, runtime, ""), Clock.systemUTC());
        c.announce(List.of(network("n1", false, "198.19.1.0/24", "fd00:a::/64"), network("n2", true,
                "198.19.9.0/24"), network("n3", false, "fe80::/64")), TestFrr.plan());
        String text = c.renderedConfig();
        assertTrue(text, text.contains("  network 198.19.1.0/24\n"));
        assertTrue(text, text.contains("  network fd00:a::/64\n"));
        assertFalse(text, text.contains("198.19.9.0"));
        assertFalse(text, text.contains("fe80"));
        assertEquals(prefixes("198.19.1.0/24", "fd00:a::/64"), c.status().announced());
        assertEquals(1, c.status().problems().size());
        assertTrue(c.status().problems().get(0), c.status().problems().get(0).contains("fe80::/64"));
        assertFalse(c.status().running());
        assertFalse(Files.exists(runtime.resolve("frr")));
    }

    static NetworkInfo network(String id, boolean internal, String... subnets) {
        return new NetworkInfo(id, "bt-" + id, 25000, prefixes(subnets), List.of(), 1500, internal, EgressMode.NONE,
                List.of(), Map.of(), 0, Instant.EPOCH);
    }
}
