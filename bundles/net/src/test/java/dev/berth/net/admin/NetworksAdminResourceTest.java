package dev.berth.net.admin;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.EgressMode;
import dev.berth.net.api.EndpointInfo;
import dev.berth.net.api.NetworkInfo;
import dev.berth.net.api.PeerNetwork;
import dev.berth.net.api.PortMapping;

/** The network driver's tables for the operators' API, as JSON will carry them: plain values, short ids. */
public class NetworksAdminResourceTest {

    /** A service that answers the named methods and refuses the rest. */
    @SuppressWarnings("unchecked")
    private static <S> S service(Class<S> type, Map<String, Object> answers) {
        return (S) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        });
    }

    @Test
    public void networksAndEndpointsAreRowsOfPlainValues() throws Exception {
        String id = "0123456789abcdef0123456789abcdef";
        NetworkInfo network = new NetworkInfo(id, "bn-0123456789", 1001,
                List.of(IpPrefix.parse("198.18.0.0/24"), IpPrefix.parse("fd00:1::/64")),
                List.of(InetAddress.getByName("198.18.0.1")), 1500, false, EgressMode.NAT, List.of("web"), Map.of(), 1,
                Instant.parse("2026-11-28T20:00:00Z"));
        EndpointInfo endpoint = new EndpointInfo(id, "fedcba9876543210fedcba", "vb-fedcba98", "02:42:c6:12:00:02",
                List.of(InetAddress.getByName("198.18.0.2"), InetAddress.getByName("fd00:1::2")), "/var/run/ns",
                List.of(new PortMapping("tcp", "", 8080, 80)), Set.of("web"), Set.of());
        BerthNetworks networks = service(BerthNetworks.class, Map.of("networks", List.of(network), "endpoints",
                List.of(endpoint)));

        Map<String, Object> row = new NetworksAdminResource(networks).rows().get(0);
        assertEquals(List.of("network", "bridge", "table", "subnets", "gateways", "mtu", "internal", "egress", "tags",
                "endpoints", "created"), List.copyOf(row.keySet()));
        assertEquals("0123456789ab", row.get("network"));
        assertEquals(List.of("198.18.0.0/24", "fd00:1::/64"), row.get("subnets"));
        assertEquals(List.of("198.18.0.1"), row.get("gateways"));
        assertEquals("NAT", row.get("egress"));
        assertEquals("2026-11-28T20:00:00Z", row.get("created"));

        Map<String, Object> e = new NetworksAdminResource.Endpoints(networks).rows().get(0);
        assertEquals("fedcba987654", e.get("endpoint"));
        assertEquals(List.of("198.18.0.2", "fd00:1::2"), e.get("addresses"));
        assertEquals(List.of("8080->80/tcp"), e.get("ports"));
        assertEquals(List.of("web"), e.get("egress"));
    }

    @Test
    public void otherNodesNetworksAreRowsOfPlainValues() {
        PeerNetwork peer = new PeerNetwork("node-b", "c0ffee0123456789c0ffee", List.of(IpPrefix.parse("198.18.5.0/24")),
                List.of("db"), List.of("0123456789abcdef0123"), 1, 2, List.of("198.18.5.0/24 via 198.18.246.2 dev eth1"));
        BerthNetworks networks = service(BerthNetworks.class, Map.of("peers", List.of(peer)));
        Map<String, Object> row = new NetworksAdminResource.ClusterNetworks(networks).rows().get(0);
        assertEquals(List.of("node", "network", "subnets", "tags", "here", "egress", "ingress", "routes"),
                List.copyOf(row.keySet()));
        assertEquals("node-b", row.get("node"));
        assertEquals("c0ffee012345", row.get("network"));
        assertEquals(List.of("198.18.5.0/24"), row.get("subnets"));
        assertEquals(List.of("0123456789ab"), row.get("here"));
        assertEquals(2, row.get("ingress"));
        assertEquals(List.of("198.18.5.0/24 via 198.18.246.2 dev eth1"), row.get("routes"));
    }
}
