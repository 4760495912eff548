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

import dev.berth.ipam.api.IpPrefix;
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
