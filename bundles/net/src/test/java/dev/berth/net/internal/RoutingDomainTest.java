package dev.berth.net.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.EgressMode;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelPlans;

/** The exact kernel steps of both routing domains: policy routing (used here) and VRF (unit-tested only). */
public class RoutingDomainTest {

    static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static NetworkPlan network(EgressMode egress, boolean v6) {
        return new NetworkPlan(ID, Names.bridge(ID), 25003, IpPrefix.parse("198.18.3.0/24"),
                IpPrefix.parseAddress("198.18.3.1"), v6 ? IpPrefix.parse("fd00:3::/64") : null,
                v6 ? IpPrefix.parseAddress("fd00:3::1") : null, 1450, false, egress, List.of(), Map.of());
    }

    private static List<String> render(List<KernelOp> ops) {
        return ops.stream().map(KernelOp::toString).toList();
    }

    @Test
    public void policyRoutingGivesEachNetworkItsOwnTableAndRules() {
        assertEquals(List.of(
                "ip link add bt-0123456789ab type bridge",
                "ip link set bt-0123456789ab mtu 1450",
                "sysctl net.ipv6.conf.bt-0123456789ab.disable_ipv6=0",
                "sysctl net.ipv6.conf.bt-0123456789ab.accept_dad=0",
                "sysctl net.ipv4.conf.bt-0123456789ab.route_localnet=1",
                "ip address add 198.18.3.1/24 dev bt-0123456789ab",
                "ip -6 address add fd00:3::1/64 dev bt-0123456789ab nodad",
                "ip link set bt-0123456789ab up",
                "ip route add 198.18.3.0/24 dev bt-0123456789ab table 25003",
                "ip route add unreachable default table 25003",
                "ip rule add iif bt-0123456789ab lookup 25003 pref 25003",
                "ip -6 route add fd00:3::/64 dev bt-0123456789ab table 25003",
                "ip -6 route add unreachable default table 25003",
                "ip -6 rule add iif bt-0123456789ab lookup 25003 pref 25003"),
                render(new PolicyRouting().create(network(EgressMode.NONE, true))));
    }

    @Test
    public void policyRoutingWithEgressLeavesTheDefaultToTheMainTable() {
        List<String> ops = render(new PolicyRouting().create(network(EgressMode.NAT, false)));
        assertTrue(ops.stream().noneMatch(l -> l.contains("unreachable")));
        assertTrue(ops.contains("sysctl net.ipv6.conf.bt-0123456789ab.disable_ipv6=1"));
        assertTrue(ops.contains("ip rule add iif bt-0123456789ab lookup 25003 pref 25003"));
        assertTrue(ops.stream().noneMatch(l -> l.startsWith("ip -6")));
    }

    @Test
    public void policyRoutingTeardownRemovesRulesTablesAndBridge() {
        assertEquals(List.of("ip rule del pref 25003", "ip -6 rule del pref 25003", "ip route flush table 25003",
                "ip -6 route flush table 25003", "ip link del bt-0123456789ab"),
                render(new PolicyRouting().teardown(network(EgressMode.NONE, true))));
    }

    @Test
    public void vrfRoutingEnslavesTheBridgeToAVrfBoundToTheTable() {
        VrfRouting vrf = new VrfRouting(() -> new VrfRouting.Uplinks("via 192.0.2.1 dev eth0", null));
        assertEquals(List.of(
                "ip link add bv-0123456789ab type vrf table 25003",
                "ip link set bv-0123456789ab up",
                "ip link add bt-0123456789ab type bridge",
                "ip link set bt-0123456789ab mtu 1450",
                "ip link set bt-0123456789ab master bv-0123456789ab",
                "sysctl net.ipv6.conf.bt-0123456789ab.disable_ipv6=0",
                "sysctl net.ipv6.conf.bt-0123456789ab.accept_dad=0",
                "sysctl net.ipv4.conf.bt-0123456789ab.route_localnet=1",
                "ip address add 198.18.3.1/24 dev bt-0123456789ab",
                "ip -6 address add fd00:3::1/64 dev bt-0123456789ab nodad",
                "ip link set bt-0123456789ab up",
                "ip route add 198.18.3.0/24 dev bt-0123456789ab",
                "ip route add unreachable default table 25003",
                "ip -6 route add fd00:3::/64 dev bt-0123456789ab",
                "ip -6 route add unreachable default table 25003"),
                render(vrf.create(network(EgressMode.NONE, true))));
    }

    @Test
    public void vrfRoutingWithEgressLeaksTheHostsDefaultRouteIntoTheVrf() {
        VrfRouting vrf = new VrfRouting(() -> new VrfRouting.Uplinks("via 192.0.2.1 dev eth0", null));
        List<String> ops = render(vrf.create(network(EgressMode.NAT, false)));
        assertTrue(ops.toString(), ops.contains("ip route add default via 192.0.2.1 dev eth0 table 25003"));
        assertEquals(List.of("ip link del bt-0123456789ab", "ip link del bv-0123456789ab",
                "ip route flush table 25003", "ip -6 route flush table 25003"),
                render(vrf.teardown(network(EgressMode.NAT, false))));
        assertEquals("vrf bv-0123456789ab (table 25003)", vrf.describe(network(EgressMode.NAT, false)));
    }

    @Test
    public void repairRecreatesOnlyWhatIsMissing() {
        FakeKernel kernel = new FakeKernel();
        PolicyRouting routing = new PolicyRouting();
        NetworkPlan n = network(EgressMode.NONE, true);
        KernelPlans.run(kernel, routing.create(n));
        assertEquals(List.of(), routing.repair(n, kernel.observe()));

        kernel.ipForce(List.of("-6 rule del pref 25003"));
        assertEquals(List.of("ip -6 rule add iif bt-0123456789ab lookup 25003 pref 25003"),
                render(routing.repair(n, kernel.observe())));

        kernel.ipForce(List.of("link del bt-0123456789ab"));
        List<String> whole = render(routing.repair(n, kernel.observe()));
        assertTrue("the unreachable default outlives the bridge", !whole.contains("ip route add unreachable default table 25003"));
        KernelPlans.run(kernel, routing.repair(n, kernel.observe()));
        assertEquals(List.of(), routing.repair(n, kernel.observe()));
        assertTrue(whole.toString(), whole.contains("ip link add bt-0123456789ab type bridge"));
        assertTrue(whole.toString(), whole.contains("ip route add 198.18.3.0/24 dev bt-0123456789ab table 25003"));
        assertTrue("the IPv4 rule is still there", !whole.contains("ip rule add iif bt-0123456789ab lookup 25003 pref 25003"));
    }

    @Test
    public void namesStayWithinLinuxsLimitAndMacsAreLocalUnicast() {
        assertEquals(15, Names.bridge(ID).length());
        assertEquals(15, Names.hostVeth(ID).length());
        assertEquals(15, Names.peerVeth(ID).length());
        String mac = Names.mac(ID);
        assertTrue(mac, mac.matches("02(:[0-9a-f]{2}){5}"));
        assertEquals(mac, Names.mac(ID));
    }
}
