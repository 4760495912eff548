package dev.berth.frr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.ipam.api.AddressPlan;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.NodeBlock;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.EndpointInfo;
import dev.berth.net.api.NetworkInfo;
import dev.berth.net.api.ReconcileReport;
import dev.berth.net.api.RoutingMode;
import dev.berth.testing.Deadline;

/** The component reads the network driver's networks when it binds and at every poll. */
public class FrrServiceTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The networks the driver reports, as the test sets them. */
    static final class Networks implements BerthNetworks {
        final List<NetworkInfo> list = new CopyOnWriteArrayList<>();

        @Override
        public List<NetworkInfo> networks() {
            return List.copyOf(list);
        }

        @Override
        public List<EndpointInfo> endpoints(String networkId) {
            return List.of();
        }

        @Override
        public void assignRoles(String networkId, String endpointId, Set<String> egress, Set<String> ingress) {
        }

        @Override
        public ReconcileReport reconcile() {
            throw new UnsupportedOperationException();
        }

        @Override
        public RoutingMode routingMode() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<dev.berth.net.api.PeerNetwork> peers() {
            throw new UnsupportedOperationException();
        }
    }

    /** The IPAM's plan, as the test sets it. */
    static final class Plan implements AddressPlan {
        volatile IpamSchema schema = TestFrr.schema();
        final List<NodeBlock> blocks = new CopyOnWriteArrayList<>();

        @Override
        public IpamSchema schema() {
            return schema;
        }

        @Override
        public String node() {
            return "this";
        }

        @Override
        public List<NodeBlock> blocks() {
            return List.copyOf(blocks);
        }
    }

    @Test
    public void filtersByTheIpamsPlanKeepsTheLastOneWhileTheIpamIsAwayAndDeniesAllBeforeAnyPlan() {
        FrrService service = new FrrService(TestFrr.config(Map.of("runtime_dir", tmp.getRoot().toString(),
                "poll_seconds", 1, "peers", new String[] {"198.18.0.2"})));
        try {
            Networks driver = new Networks();
            driver.list.add(FrrConfigRendererTest.network("n1", false, "198.19.16.0/24", "fd00:a1::/64"));
            service.bindNetworks(driver);
            Deadline.await("the network announced, nothing accepted", Duration.ofSeconds(10), () -> service.config(),
                    c -> c.contains("  network 198.19.16.0/24\n") && c.contains("ip prefix-list berth-in seq 5 deny any\n")
                            && c.contains("ipv6 prefix-list berth-in seq 5 deny any\n"));
            assertTrue(service.status().problems().toString(), service.status().problems().contains(
                    "the IPAM's address plan is not known yet: every route from peers is refused"));

            Plan ipam = new Plan();
            ipam.blocks.add(TestFrr.block("this", "198.19.16.0/20"));
            ipam.blocks.add(TestFrr.block("other", "fd00:a1::/48"));
            service.bindAddressPlan(ipam);
            Deadline.await("the plan's filter and this node's aggregate", Duration.ofSeconds(10),
                    () -> service.config(), c -> c.contains("ip prefix-list berth-in seq 5 permit 198.19.0.0/16 ge 20 "
                            + "le 24\n") && c.contains("  aggregate-address 198.19.16.0/20 summary-only\n"));
            assertFalse("another node's block is not aggregated here", service.config().contains("fd00:a1::/48"));
            assertEquals(List.of(), service.status().problems());

            // a block claimed later is aggregated at the next poll
            ipam.blocks.add(TestFrr.block("this", "fd00:a1::/48"));
            Deadline.await("the new block aggregated", Duration.ofSeconds(10), () -> service.config(),
                    c -> c.contains("  aggregate-address fd00:a1::/48 summary-only\n"));

            // the IPAM goes: its last plan stays in force
            service.unbindAddressPlan(ipam);
            ipam.schema = new IpamSchema("changed", ipam.schema.spaces(), List.of(TestFrr.pool("v4", "10.0.0.0/8", 24,
                    0)));
            driver.list.add(FrrConfigRendererTest.network("n2", false, "198.19.17.0/24"));
            Deadline.await("the next poll", Duration.ofSeconds(10), () -> service.config(),
                    c -> c.contains("  network 198.19.17.0/24\n"));
            String config = service.config();
            assertTrue(config, config.contains("ip prefix-list berth-in seq 5 permit 198.19.0.0/16 ge 20 le 24\n"));
            assertTrue(config, config.contains("  aggregate-address fd00:a1::/48 summary-only\n"));
            assertFalse(config, config.contains("10.0.0.0"));
        } finally {
            service.deactivate();
        }
    }

    @Test
    public void announcesTheDriversNetworksAndFollowsThemAtEveryPoll() {
        FrrService service = new FrrService(TestFrr.config(Map.of("runtime_dir", tmp.getRoot().toString(),
                "poll_seconds", 1, "peers", new String[] {"198.18.0.2"}, "password", "secret-key")));
        try {
            Networks driver = new Networks();
            driver.list.add(FrrConfigRendererTest.network("n1", false, "198.19.1.0/24", "fd00:a::/64"));
            service.bindNetworks(driver);
            Deadline.await("the first network announced", Duration.ofSeconds(10), () -> service.status().announced(),
                    a -> a.equals(List.of(IpPrefix.parse("198.19.1.0/24"), IpPrefix.parse("fd00:a::/64"))));
            driver.list.add(FrrConfigRendererTest.network("n2", false, "198.19.2.0/24"));
            Deadline.await("the second network announced at the next poll", Duration.ofSeconds(10),
                    () -> service.config(), c -> c.contains("  network 198.19.2.0/24\n"));
            String config = service.config();
            assertTrue(config, config.contains("  network 198.19.1.0/24\n"));
            assertTrue(config, config.contains(" neighbor berth password ********\n"));
            assertFalse(config, config.contains("secret-key"));
            assertEquals("198.18.0.2", service.peers().get(0).address());
            assertEquals("Unknown", service.peers().get(0).state());
            assertEquals(List.of(), service.routes());
            assertFalse(service.status().enabled());
        } finally {
            service.deactivate();
        }
    }
}
