package dev.berth.net.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.EgressMode;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelState;

public class ClusterRoutesTest {

    static final String LOCAL = "aaaaaaaaaaaa" + "0".repeat(52);
    static final String REMOTE = "cccccccccccc" + "0".repeat(52);
    static final String OTHER = "dddddddddddd" + "0".repeat(52);

    static NetworkPlan network(String id, int table, String v4, String v6, List<String> tags, boolean internal) {
        return new NetworkPlan(id, Names.bridge(id), table, IpPrefix.parse(v4), IpPrefix.parse(v4).network(),
                v6 == null ? null : IpPrefix.parse(v6), null, 1500, internal, EgressMode.NONE, tags, Map.of());
    }

    static final NetworkPlan MINE = network(LOCAL, 25000, "198.18.1.0/24", "fd00:1::/64", List.of("db"), false);
    static final ClusterPeers PEERS = new ClusterPeers(List.of(
            network(REMOTE, 25000, "198.18.5.0/24", "fd00:5::/64", List.of("db", "web"), false),
            network(OTHER, 25001, "198.18.6.0/24", null, List.of("web"), false)), List.of());

    private static List<String> lines(List<KernelOp> ops) {
        return ops.stream().map(op -> ((KernelOp.Ip) op).line()).toList();
    }

    @Test
    public void policyRoutingThrowsOnlyThePeerSubnetsSharingATagToTheMainTable() {
        FakeKernel kernel = new FakeKernel();
        List<String> ops = lines(ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(), false));
        assertEquals(List.of("route replace throw 198.18.5.0/24 table 25000",
                "-6 route replace throw fd00:5::/64 table 25000"), ops);
        kernel.ip(ops);
        assertEquals("nothing to do once there", List.of(), ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(),
                false));
    }

    @Test
    public void throwsForPeersThatAreGoneAreRemovedAndNothingElse() {
        FakeKernel kernel = new FakeKernel();
        kernel.ip(List.of("route add 198.18.1.0/24 dev bt-aaaaaaaaaaaa table 25000",
                "route add unreachable default table 25000", "route add throw 198.18.5.0/24 table 25000",
                "route add throw 198.18.9.0/24 table 25000", "route add throw 198.18.9.0/24 table 30000"));
        List<String> ops = lines(ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(), false));
        assertEquals(List.of("-6 route replace throw fd00:5::/64 table 25000", "route del throw 198.18.9.0/24 table 25000"),
                ops);
        kernel.ip(ops);
        List<String> left = kernel.routes.stream().map(r -> r.table() + " " + r.type() + " " + r.destination()).toList();
        assertTrue(left.toString(), left.containsAll(List.of("25000 unicast 198.18.1.0/24", "25000 unreachable default",
                "30000 throw 198.18.9.0/24", "25000 throw 198.18.5.0/24")));
        kernel.ip(lines(ClusterRoutes.plan(List.of(MINE), ClusterPeers.NONE, kernel.observe(), false)));
        assertTrue("no peers, no throws", kernel.routes.stream().noneMatch(r -> r.table().equals("25000")
                && r.type().equals("throw")));
    }

    @Test
    public void anInternalOrUntaggedNetworkGetsNoWayToPeers() {
        NetworkPlan internal = network(LOCAL, 25000, "198.18.1.0/24", null, List.of("db"), true);
        NetworkPlan untagged = network(LOCAL, 25001, "198.18.2.0/24", null, List.of(), false);
        assertEquals(List.of(), ClusterRoutes.plan(List.of(internal, untagged), PEERS, new FakeKernel().observe(),
                false));
    }

    @Test
    public void aVrfGetsTheMainTablesRouteToEachPeerSubnetOnceFrrHasIt() {
        FakeKernel kernel = new FakeKernel();
        assertEquals("no route learned yet: nothing to leak", List.of(),
                ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(), true));
        kernel.routes.add(new KernelState.Route(false, "main", "198.18.5.0/24", "unicast", "eth1", "198.18.250.2"));
        kernel.routes.add(new KernelState.Route(true, "main", "fd00:5::/64", "unicast", "eth1", "fe80::2"));
        List<String> ops = lines(ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(), true));
        assertEquals(List.of("route replace 198.18.5.0/24 via 198.18.250.2 dev eth1 table 25000",
                "-6 route replace fd00:5::/64 via fe80::2 dev eth1 table 25000"), ops);
        kernel.ip(ops);
        assertEquals(List.of(), ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(), true));
        // FRR moved the route to another next hop: the leak follows
        kernel.routes.removeIf(r -> r.table().equals("main") && r.destination().equals("198.18.5.0/24"));
        kernel.routes.add(new KernelState.Route(false, "main", "198.18.5.0/24", "unicast", "eth2", "198.18.251.2"));
        assertEquals(List.of("route replace 198.18.5.0/24 via 198.18.251.2 dev eth2 table 25000"),
                lines(ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(), true)));
    }

    @Test
    public void aVrfLosesLeakedRoutesOfPeersThatAreGoneButKeepsItsOwn() {
        FakeKernel kernel = new FakeKernel();
        kernel.routes.add(new KernelState.Route(false, "25000", "198.18.1.0/24", "unicast", "bt-aaaaaaaaaaaa", ""));
        kernel.routes.add(new KernelState.Route(false, "25000", "198.18.1.1", "local", "bt-aaaaaaaaaaaa", ""));
        kernel.routes.add(new KernelState.Route(false, "25000", "default", "unicast", "eth0", "198.18.0.1"));
        kernel.routes.add(new KernelState.Route(false, "25000", "198.18.7.0/24", "unicast", "eth1", "198.18.250.2"));
        assertEquals(List.of("route del 198.18.7.0/24 table 25000"),
                lines(ClusterRoutes.plan(List.of(MINE), ClusterPeers.NONE, kernel.observe(), true)));
    }

    @Test
    public void peersAreTheMembersOfATagOnNetworksCarryingIt() {
        EndpointRow dbServer = new EndpointRow(REMOTE, "e1" + "0".repeat(62), "bh-1", "02:00:00:00:00:01",
                IpPrefix.parseAddress("198.18.5.2"), null, "/ns", List.of(), Set.of(), Set.of("db"));
        EndpointRow webClient = new EndpointRow(OTHER, "e2" + "0".repeat(62), "bh-2", "02:00:00:00:00:02",
                IpPrefix.parseAddress("198.18.6.2"), null, "/ns", List.of(), Set.of("web", "db"), Set.of());
        ClusterPeers peers = new ClusterPeers(PEERS.networks(), List.of(dbServer, webClient));
        assertEquals(List.of(dbServer), peers.members("db", false));
        assertEquals("OTHER does not carry db: its member's db role counts for nothing", List.of(),
                peers.members("db", true));
        assertEquals(List.of(webClient), peers.members("web", true));
        assertEquals(List.of(IpPrefix.parse("198.18.5.0/24"), IpPrefix.parse("fd00:5::/64")),
                peers.subnetsSharingTags(MINE));
    }

    @Test
    public void aVrfFollowsTheAggregateOfThePeersBlockButNeverADefaultRoute() {
        FakeKernel kernel = new FakeKernel();
        kernel.routes.add(new KernelState.Route(false, "main", "default", "unicast", "eth0", "198.18.0.254"));
        kernel.routes.add(new KernelState.Route(false, "main", "0.0.0.0/0", "unicast", "eth0", "198.18.0.254"));
        assertEquals("a default route is no way to a peer", List.of(),
                ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(), true).stream()
                        .filter(op -> !((KernelOp.Ip) op).line().startsWith("-6")).toList());
        kernel.routes.add(new KernelState.Route(false, "main", "198.18.0.0/17", "unicast", "eth2", "198.18.251.2"));
        kernel.routes.add(new KernelState.Route(false, "main", "198.18.0.0/20", "unicast", "eth1", "198.18.250.2"));
        assertEquals("the most specific covering route: the peer node's block", List.of(
                "route replace 198.18.5.0/24 via 198.18.250.2 dev eth1 table 25000"),
                lines(ClusterRoutes.plan(List.of(MINE), PEERS, kernel.observe(), true)));
    }
}
