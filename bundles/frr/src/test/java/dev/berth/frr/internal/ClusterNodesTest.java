package dev.berth.frr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/** Peer discovery through a real PostgreSQL, as the nodes of a cluster share one. */
public class ClusterNodesTest {

    private static PostgresStore store;

    private final ClusterNodes a = node("198.18.246.1", 64512);
    private final ClusterNodes b = node("198.18.246.2", 64512);
    private final ClusterNodes v6 = node("fd00:f6::3", 64512);
    private final ClusterNodes otherAs = node("198.18.246.9", 64999);

    @BeforeClass
    public static void startStore() throws Exception {
        store = TestStores.embedded();
        store.migrate("frr", ClusterNodes.MIGRATIONS);
    }

    @AfterClass
    public static void stopStore() throws Exception {
        TestStores.destroy(store);
    }

    @Before
    public void emptyTable() {
        store.transaction(c -> c.createStatement().executeUpdate("DELETE FROM frr_node"));
    }

    private static ClusterNodes node(String address, long asn) {
        return new ClusterNodes(IpPrefix.parseAddress(address), asn, Duration.ofSeconds(30));
    }

    private static List<InetAddress> addresses(String... text) {
        return List.of(text).stream().map(IpPrefix::parseAddress).toList();
    }

    @Test
    public void eachNodeFindsTheOthersOfItsAsButNotItself() {
        assertEquals(List.of(), a.heartbeat(store));
        b.heartbeat(store);
        v6.heartbeat(store);
        otherAs.heartbeat(store);
        assertEquals(addresses("198.18.246.2", "fd00:f6::3"), a.heartbeat(store));
        assertEquals(addresses("198.18.246.1", "fd00:f6::3"), b.heartbeat(store));
        assertEquals("another AS is another cluster", List.of(), otherAs.heartbeat(store));
    }

    @Test
    public void aNodeThatLeavesOrIsNotSeenAnyMoreDropsOut() {
        a.heartbeat(store);
        b.heartbeat(store);
        v6.heartbeat(store);
        b.leave(store);
        assertEquals(addresses("fd00:f6::3"), a.heartbeat(store));

        // fd00:f6::3 was last seen a minute ago, longer than the 30 s window: it died
        store.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE frr_node SET seen_at = now() - INTERVAL '60 seconds' WHERE address = ?")) {
                p.setString(1, "fd00:f6::3");
                return p.executeUpdate();
            }
        });
        assertEquals(List.of(), a.heartbeat(store));
        assertEquals("it comes back with its next heartbeat", addresses("198.18.246.1"), v6.heartbeat(store));
        assertEquals(addresses("fd00:f6::3"), a.heartbeat(store));
    }

    @Test
    public void theControllerPeersWithConfiguredAndDiscoveredNodesOnce() {
        // routing disabled: the configuration is rendered, FRR is not started
        FrrSettings settings = TestFrr.settings(false, 64512, "198.18.246.1", List.of("198.18.246.2"), "", false,
                java.nio.file.Path.of("/nonexistent/berth-frr-test"), "");
        BgpController controller = new BgpController(settings, java.time.Clock.systemUTC());
        b.heartbeat(store);
        v6.heartbeat(store);
        controller.announce(List.of(), TestFrr.plan(), a.heartbeat(store));
        String config = controller.config();
        assertTrue(config, config.contains("neighbor 198.18.246.2 peer-group"));
        assertTrue(config, config.contains("neighbor fd00:f6::3 peer-group"));
        assertEquals("a configured peer that is also found is one neighbor", 1,
                config.lines().filter(l -> l.contains("neighbor 198.18.246.2 peer-group")).count());
        assertEquals(addresses("198.18.246.2", "fd00:f6::3"),
                controller.peers().stream().map(p -> IpPrefix.parseAddress(p.address())).toList());

        b.leave(store);
        controller.announce(List.of(), TestFrr.plan(), a.heartbeat(store));
        assertTrue("configured peers stay when they are not found", controller.config().contains(
                "neighbor 198.18.246.2 peer-group"));
        assertTrue("a found node stays while it is seen", controller.config().contains("neighbor fd00:f6::3 peer-group"));
    }

    @Test
    public void discoveryNeedsThisNodesAddress() {
        FrrSettings noId = TestFrr.settings(true, 64512, null, List.of(), "", false,
                java.nio.file.Path.of("/nonexistent/berth-frr-test"), "");
        IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
                () -> FrrService.discovery(TestFrr.config(java.util.Map.of("discover", true)), noId));
        assertTrue(e.getMessage(), e.getMessage().contains("discover needs this node's address"));
        assertThrows(() -> FrrService.discovery(TestFrr.config(java.util.Map.of("discover", true, "address",
                "node-a")), noId), "address is not an IP address: node-a");
        assertTrue(FrrService.discovery(TestFrr.config(java.util.Map.of("discover", true, "address",
                "198.18.246.1")), noId).isPresent());
        assertTrue(FrrService.discovery(TestFrr.config(java.util.Map.of()), noId).isEmpty());
    }

    private static void assertThrows(org.junit.function.ThrowingRunnable r, String message) {
        IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class, r);
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }
}
