package dev.berth.net.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.EgressMode;
import dev.berth.net.api.NetworkInfo;
import dev.berth.net.api.PortMapping;
import dev.berth.net.api.ReconcileReport;
import dev.berth.net.internal.kernel.KernelState;
import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/** The driver logic on a real store and a fake kernel that records and simulates every step. */
public class NetworkDriverServiceTest {

    static final String N1 = "1111111111110000000000000000000000000000000000000000000000000000";
    static final String N2 = "2222222222220000000000000000000000000000000000000000000000000000";
    static final String E1 = "e1e1e1e1e1e10000000000000000000000000000000000000000000000000000";
    static final String E2 = "e2e2e2e2e2e20000000000000000000000000000000000000000000000000000";

    static PostgresStore store;
    FakeKernel kernel;
    NetworkDriverService driver;

    @BeforeClass
    public static void startStore() throws Exception {
        store = TestStores.embedded();
    }

    @AfterClass
    public static void stopStore() throws Exception {
        TestStores.destroy(store);
    }

    @Before
    public void fresh() {
        store.migrate("net", NetworkDriverService.MIGRATIONS);
        store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM net_network");
            }
            return null;
        });
        kernel = new FakeKernel();
        driver = start();
    }

    private NetworkDriverService start() {
        return new NetworkDriverService(store, kernel, "auto", "test-host", 25000, 100, 1500, new int[] {49153, 49160});
    }

    private void create(String id, Map<String, String> options, boolean internal) {
        driver.createNetwork(id, options, internal, IpPrefix.parse("198.18.1.0/24"), IpPrefix.parseAddress("198.18.1.1"),
                IpPrefix.parse("fd00:1::/64"), IpPrefix.parseAddress("fd00:1::1"));
    }

    @Test
    public void aNetworkGetsABridgeATableRulesAndFirewallRules() {
        create(N1, Map.of("berth.egress", "nat", "berth.tags", "web,db"), false);
        assertEquals("policy routing", driver.routingMode().vrf() ? "vrf" : "policy routing");
        KernelState.Link bridge = kernel.links.get("bt-111111111111");
        assertTrue(bridge.up());
        assertEquals(List.of("198.18.1.1/24", "fd00:1::1/64"), bridge.addresses());
        assertTrue(kernel.rules.stream().anyMatch(r -> r.priority() == 25000 && r.iif().equals("bt-111111111111")));
        assertTrue("the reply-mark rule", kernel.rules.stream().anyMatch(r -> r.fwmark().equals("0xb37")));
        // a tagged network lets out only containers with an egress tag of it: none yet
        assertFalse(kernel.lastRuleset.contains("comment \"egress"));
        assertTrue(kernel.lastRuleset.contains("iifname \"bt-111111111111\" oifname \"bt-111111111111\" jump tags_111111111111"));
        assertTrue(kernel.log.contains("sysctl net.ipv4.ip_forward=1"));
        NetworkInfo info = driver.networks().get(0);
        assertEquals(25000, info.table());
        assertEquals(EgressMode.NAT, info.egress());
        assertEquals(List.of("db", "web"), info.tags());
        driver.createNetwork(N2, Map.of(), false, IpPrefix.parse("198.18.2.0/24"), IpPrefix.parseAddress("198.18.2.1"),
                null, null);
        assertEquals(25001, driver.networks().get(1).table());
    }

    @Test
    public void unknownOptionsAreRefusedByNameAndNothingIsBuilt() {
        NetworkRequestException e = assertThrows(NetworkRequestException.class,
                () -> create(N1, Map.of("berth.egres", "nat"), false));
        assertTrue(e.getMessage(), e.getMessage().contains("unknown option berth.egres"));
        assertTrue(kernel.log.stream().noneMatch(l -> l.contains("link add")));
        assertEquals(List.of(), driver.networks());
        NetworkRequestException internal = assertThrows(NetworkRequestException.class,
                () -> create(N1, Map.of("berth.egress", "nat"), true));
        assertTrue(internal.getMessage(), internal.getMessage().contains("--internal network has no way out"));
        assertThrows(IllegalArgumentException.class, () -> driver.createNetwork("not-an-id", Map.of(), false,
                IpPrefix.parse("198.18.1.0/24"), IpPrefix.parseAddress("198.18.1.1"), null, null));
    }

    @Test
    public void aKernelFailureHalfWayLeavesNoObjectsAndNoRow() {
        kernel.failWhen = line -> line.startsWith("-6 rule add");
        NetworkRequestException e = assertThrows(NetworkRequestException.class, () -> create(N1, Map.of(), false));
        assertTrue(e.getMessage(), e.getMessage().contains("simulated failure"));
        assertFalse("bridge torn down", kernel.links.containsKey("bt-111111111111"));
        assertTrue("rules torn down", kernel.rules.stream().noneMatch(r -> r.priority() == 25000));
        assertTrue("table flushed", kernel.routes.stream().noneMatch(r -> r.table().equals("25000")));
        assertEquals(List.of(), driver.networks());
        assertFalse(kernel.lastRuleset.contains("bt-111111111111"));

        kernel.failWhen = line -> line.equals("nft");
        assertThrows(NetworkRequestException.class, () -> create(N1, Map.of(), false));
        assertFalse(kernel.links.containsKey("bt-111111111111"));
        assertEquals(List.of(), driver.networks());
    }

    @Test
    public void endpointsJoinThroughAVethPairOnTheBridge() {
        create(N1, Map.of(), false);
        String mac = driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.1.2"), IpPrefix.parseAddress("fd00:1::2"), "");
        assertTrue(mac, mac.startsWith("02:"));
        assertNull("Docker's own MAC is kept", driver.createEndpoint(N1, E2, IpPrefix.parseAddress("198.18.1.3"), null,
                "02:42:c6:12:01:03"));
        JoinResult join = driver.join(N1, E1, "/var/run/docker/netns/abc");
        assertEquals("bc-e1e1e1e1e1e1", join.interfaceName());
        assertEquals(IpPrefix.parseAddress("198.18.1.1"), join.gateway4());
        assertEquals(IpPrefix.parseAddress("fd00:1::1"), join.gateway6());
        assertEquals("bt-111111111111", kernel.links.get("bh-e1e1e1e1e1e1").master());
        assertTrue(kernel.ipLines().contains("link set bc-e1e1e1e1e1e1 address " + mac));
        assertEquals("/var/run/docker/netns/abc", driver.endpoints(N1.substring(0, 12)).get(0).sandbox());
        driver.leave(N1, E1);
        assertFalse(kernel.links.containsKey("bh-e1e1e1e1e1e1"));
        driver.deleteEndpoint(N1, E1);
        assertEquals(1, driver.endpoints(N1).size());
        NetworkRequestException outside = assertThrows(NetworkRequestException.class,
                () -> driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.9.2"), null, ""));
        assertTrue(outside.getMessage(), outside.getMessage().contains("is not in the network's subnet"));
        NetworkRequestException unknown = assertThrows(NetworkRequestException.class, () -> driver.join(N2, E1, "/x"));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("no berth network " + N2));
    }

    @Test
    public void anInternalNetworkGivesContainersNoGateway() {
        create(N1, Map.of(), true);
        driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.1.2"), null, "");
        JoinResult join = driver.join(N1, E1, "/var/run/docker/netns/abc");
        assertNull(join.gateway4());
        assertNull(join.gateway6());
        assertTrue(kernel.routes.stream().anyMatch(r -> r.table().equals("25000") && r.type().equals("unreachable")));
    }

    @Test
    public void aJoinThatFailsHalfWayLeavesNoVeth() {
        create(N1, Map.of(), false);
        driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.1.2"), null, "");
        kernel.failWhen = line -> line.contains(" master ");
        assertThrows(NetworkRequestException.class, () -> driver.join(N1, E1, "/var/run/docker/netns/abc"));
        assertFalse(kernel.links.containsKey("bh-e1e1e1e1e1e1"));
        assertFalse(driver.endpoints(N1).get(0).joined());
    }

    @Test
    public void publishedPortsBecomeDnatRulesAndHostPortsAreNotShared() {
        create(N1, Map.of(), false);
        driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.1.2"), IpPrefix.parseAddress("fd00:1::2"), "");
        driver.createEndpoint(N1, E2, IpPrefix.parseAddress("198.18.1.3"), null, "");
        List<PortMapping> ports = driver.publish(N1, E1, List.of(new PortMapping("tcp", "", 8080, 80),
                new PortMapping("udp", "", 0, 53)));
        assertEquals(49153, ports.get(1).hostPort());
        assertTrue(kernel.lastRuleset, kernel.lastRuleset.contains("tcp dport 8080 dnat ip to 198.18.1.2:80"));
        assertTrue(kernel.lastRuleset, kernel.lastRuleset.contains("tcp dport 8080 dnat ip6 to [fd00:1::2]:80"));
        assertTrue(kernel.lastRuleset, kernel.lastRuleset.contains("udp dport 49153 dnat ip to 198.18.1.2:53"));
        NetworkRequestException taken = assertThrows(NetworkRequestException.class,
                () -> driver.publish(N1, E2, List.of(new PortMapping("tcp", "", 8080, 80))));
        assertTrue(taken.getMessage(), taken.getMessage().contains("host port 8080/tcp is already published"));
        driver.unpublish(N1, E1);
        assertFalse(kernel.lastRuleset.contains("dport 8080"));
        assertEquals(8080, driver.publish(N1, E2, List.of(new PortMapping("tcp", "", 8080, 80))).get(0).hostPort());
    }

    @Test
    public void reconcileRecreatesWhatIsMissingAndRemovesOnlyWhatBerthOwns() {
        create(N1, Map.of(), false);
        driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.1.2"), null, "");
        driver.join(N1, E1, "/var/run/docker/netns/abc");
        kernel.moveIntoContainer("bc-e1e1e1e1e1e1");
        // a leftover of a network the store no longer knows, and something that is not Berth's
        kernel.ip(List.of("link add bt-deadbeef0000 type bridge", "link add bh-deadbeef0000 type veth peer name bc-deadbeef0000",
                "rule add iif bt-deadbeef0000 lookup 25050 pref 25050", "route add 198.18.50.0/24 dev lo table 25050",
                "link add docker0 type bridge", "rule add iif docker0 lookup 100 pref 100"));
        kernel.ipForce(List.of("rule del pref 25000"));
        ReconcileReport report = driver.reconcile();
        assertTrue(report.toString(), report.removed().containsAll(List.of("link bt-deadbeef0000", "link bh-deadbeef0000",
                "link bc-deadbeef0000", "IPv4 rule 25050", "IPv4 table 25050")));
        assertTrue(report.toString(), report.created().stream().anyMatch(c -> c.startsWith("network 111111111111")));
        assertTrue(kernel.links.containsKey("docker0"));
        assertTrue(kernel.rules.stream().anyMatch(r -> r.priority() == 100));
        assertTrue(kernel.rules.stream().anyMatch(r -> r.priority() == 25000 && !r.ipv6()));
        assertTrue("the joined endpoint's veth is kept", kernel.links.containsKey("bh-e1e1e1e1e1e1"));
        assertTrue(driver.reconcile().unchanged());
        // a restarted driver finds everything in place
        assertTrue(start().reconcile().unchanged());
    }

    @Test
    public void tagRolesDecideDirectionOnATaggedNetwork() {
        create(N1, Map.of("berth.tags", "web", "berth.egress", "nat"), false);
        driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.1.2"), IpPrefix.parseAddress("fd00:1::2"), "");
        driver.createEndpoint(N1, E2, IpPrefix.parseAddress("198.18.1.3"), IpPrefix.parseAddress("fd00:1::3"), "");
        driver.assignRoles(N1, E1, java.util.Set.of("web", "db"), java.util.Set.of());
        driver.assignRoles(N1, E2, java.util.Set.of(), java.util.Set.of("web"));
        String rules = kernel.lastRuleset;
        assertTrue(rules, rules.contains("ip saddr { 198.18.1.2 } ip daddr { 198.18.1.3 } accept comment \"web\""));
        assertTrue(rules, rules.contains("ip6 saddr { fd00:1::2 } ip6 daddr { fd00:1::3 } accept comment \"web\""));
        assertTrue("only the egress member goes out: " + rules,
                rules.contains("iifname \"bt-111111111111\" ip saddr { 198.18.1.2 } accept comment \"egress"));
        assertEquals("tags the network does not carry are dropped", java.util.Set.of("web"),
                driver.endpoints(N1).get(0).egress());
        assertThrows(IllegalArgumentException.class, () -> driver.assignRoles(N1, N2, java.util.Set.of(), java.util.Set.of()));
    }

    @Test
    public void aTagSpansTheHostsThatShareTheStore() {
        FakeKernel otherKernel = new FakeKernel();
        NetworkDriverService other = new NetworkDriverService(store, otherKernel, "auto", "other-host", 25000, 100,
                1500, new int[] {49153, 49160});
        other.createNetwork(N2, Map.of("berth.tags", "db"), false, IpPrefix.parse("198.18.5.0/24"),
                IpPrefix.parseAddress("198.18.5.1"), null, null);
        other.createEndpoint(N2, E2, IpPrefix.parseAddress("198.18.5.2"), null, "");
        other.assignRoles(N2, E2, java.util.Set.of(), java.util.Set.of("db"));

        create(N1, Map.of("berth.tags", "db"), false);
        driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.1.2"), null, "");
        driver.assignRoles(N1, E1, java.util.Set.of("db"), java.util.Set.of());
        assertTrue("the way to the other host's db network: " + kernel.routes, kernel.routes.stream().anyMatch(r ->
                r.table().equals("25000") && r.type().equals("throw") && r.destination().equals("198.18.5.0/24")));
        assertTrue(kernel.lastRuleset, kernel.lastRuleset.contains("iifname \"bt-111111111111\" ip saddr { 198.18.1.2 } "
                + "ip daddr { 198.18.5.2 } accept comment \"cluster db\""));
        // the other host learns of this one when it next looks
        assertFalse(otherKernel.lastRuleset.contains("198.18.1.2"));
        assertEquals(List.of("cluster route replace throw 198.18.1.0/24 table 25000"), other.syncCluster(false));
        assertTrue(otherKernel.lastRuleset, otherKernel.lastRuleset.contains("oifname \"bt-222222222222\" ip saddr "
                + "{ 198.18.1.2 } ip daddr { 198.18.5.2 } fib saddr . iif oif exists accept comment \"cluster db\""));

        dev.berth.net.api.PeerNetwork peer = driver.peers().get(0);
        assertEquals("other-host", peer.host());
        assertEquals(N2, peer.networkId());
        assertEquals(List.of("db"), peer.tags());
        assertEquals(List.of(N1), peer.localNetworks());
        assertEquals(0, peer.egress());
        assertEquals(1, peer.ingress());
        assertEquals("FRR has not learned it here", List.of("198.18.5.0/24 no route"), peer.routes());
        kernel.routes.add(new KernelState.Route(false, "main", "198.18.5.0/24", "unicast", "eth1", "198.18.250.2"));
        assertEquals(List.of("198.18.5.0/24 via 198.18.250.2 dev eth1"), driver.peers().get(0).routes());
        kernel.routes.removeIf(r -> r.table().equals("main") && r.destination().equals("198.18.5.0/24"));
        kernel.routes.add(new KernelState.Route(false, "main", "198.18.0.0/20", "unicast", "eth1", "198.18.250.2"));
        assertEquals("the other node's block", List.of("198.18.5.0/24 via 198.18.250.2 dev eth1 (198.18.0.0/20)"),
                driver.peers().get(0).routes());

        other.deleteNetwork(N2);
        assertEquals(List.of("cluster route del throw 198.18.5.0/24 table 25000"), driver.syncCluster(false));
        assertFalse(kernel.lastRuleset, kernel.lastRuleset.contains("cluster db"));
        assertEquals(List.of(), driver.peers());
        assertTrue("the network's own routes stay", kernel.routes.stream().anyMatch(r -> r.table().equals("25000")
                && r.destination().equals("198.18.1.0/24")));
    }

    @Test
    public void deletingTheLastNetworkLeavesNoResidue() {
        create(N1, Map.of("berth.egress", "nat"), false);
        driver.createEndpoint(N1, E1, IpPrefix.parseAddress("198.18.1.2"), null, "");
        driver.join(N1, E1, "/var/run/docker/netns/abc");
        driver.deleteNetwork(N1);
        assertTrue(kernel.links.toString(), kernel.links.keySet().stream().noneMatch(n -> n.startsWith("b")));
        assertEquals(List.of(), kernel.rules);
        assertEquals(List.of(), kernel.routes);
        assertFalse(kernel.tables.contains("inet berth"));
        assertEquals(List.of(), driver.networks());
    }
}
