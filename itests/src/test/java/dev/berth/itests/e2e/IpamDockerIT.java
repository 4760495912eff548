package dev.berth.itests.e2e;

import static dev.berth.itests.support.DockerEngine.IMAGE;
import static dev.berth.itests.support.DockerEngine.address;
import static dev.berth.itests.support.DockerEngine.docker;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.DockerEngine;

/**
 * The real Docker engine allocates from Berth through {@code --ipam-driver berth}, on the default plugin
 * socket, with Berth run from its tarball as a user would.
 */
public class IpamDockerIT {

    private static final List<String> NETWORKS = List.of("berth-e2e-a", "berth-e2e-b", "berth-e2e-c", "berth-e2e-d",
            "berth-e2e-tiny", "berth-e2e-v6");
    private static final List<String> CONTAINERS = List.of("berth-e2e-1", "berth-e2e-2", "berth-e2e-3", "berth-e2e-4",
            "berth-e2e-5", "berth-e2e-6");

    private static BerthInstance berth;

    @BeforeClass
    public static void start() throws Exception {
        DockerEngine.require();
        berth = BerthInstance.create("ipam-docker");
        String ready = berth.start();
        // what an interrupted earlier run left: its networks can only be removed while the plugin answers
        DockerEngine.cleanUp(CONTAINERS, NETWORKS);
        assertTrue(ready, ready.contains("/run/docker/plugins/berth.sock") && ready.contains("IpamDriver"));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (berth != null) { // a missing engine fails start() before Berth is made
            DockerEngine.cleanUp(CONTAINERS, NETWORKS);
            berth.stop();
        }
    }

    @After
    public void cleanUp() {
        DockerEngine.cleanUp(CONTAINERS, NETWORKS);
    }

    private static String subnet(String network, int index) {
        return docker("network", "inspect", "-f", "{{(index .IPAM.Config " + index + ").Subnet}}", network).ok();
    }

    private static String run(String name, String network) {
        return docker("run", "-d", "--name", name, "--network", network, IMAGE, "sleep", "600").ok();
    }

    @Test
    public void networksGetSubnetsFromTheSchemaOrExactlyTheOneAskedFor() {
        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "berth-e2e-a").ok();
        IpPrefix a = IpPrefix.parse(subnet("berth-e2e-a", 0));
        assertEquals(24, a.length());
        assertTrue(a + " is not in default-v4", IpPrefix.parse("198.18.0.0/17").contains(a));

        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "--ipv6", "berth-e2e-v6").ok();
        IpPrefix v4 = IpPrefix.parse(subnet("berth-e2e-v6", 0));
        IpPrefix v6 = IpPrefix.parse(subnet("berth-e2e-v6", 1));
        assertTrue(IpPrefix.parse("198.18.0.0/17").contains(v4));
        assertNotEquals(a, v4);
        assertEquals(64, v6.length());
        assertTrue(v6 + " is not in default-v6", IpPrefix.parse("fd42:b0a7:1::/48").contains(v6));

        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "--subnet", "198.18.250.0/24",
                "--ipv6", "--subnet", "fd42:b0a7:1:ff::/64", "berth-e2e-b").ok();
        assertEquals("198.18.250.0/24", subnet("berth-e2e-b", 0));
        assertEquals("fd42:b0a7:1:ff::/64", subnet("berth-e2e-b", 1));

        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "--ipam-opt", "pool=services",
                "berth-e2e-c").ok();
        IpPrefix services = IpPrefix.parse(subnet("berth-e2e-c", 0));
        assertEquals(26, services.length());
        assertTrue(IpPrefix.parse("198.18.128.0/18").contains(services));
    }

    @Test
    public void overlapsAndUnknownPoolsAreRefusedWithTheReason() {
        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "--subnet", "198.18.251.0/24",
                "berth-e2e-a").ok();
        Commands.Result overlap = docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "--subnet",
                "198.18.251.128/25", "berth-e2e-b");
        assertNotEquals(0, overlap.exit());
        assertTrue(overlap.err(), overlap.err().contains("overlaps pool 198.18.251.0/24"));
        Commands.Result unknown = docker("network", "create", "-d", "bridge", "--ipam-driver", "berth",
                "--ipam-opt", "pool=nope", "berth-e2e-c");
        assertNotEquals(0, unknown.exit());
        assertTrue(unknown.err(), unknown.err().contains("no schema pool 'nope'"));
    }

    @Test
    public void containersGetDistinctAddressesFromThePoolAndTalk() {
        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "--ipv6", "berth-e2e-a").ok();
        IpPrefix v4 = IpPrefix.parse(subnet("berth-e2e-a", 0));
        IpPrefix v6 = IpPrefix.parse(subnet("berth-e2e-a", 1));
        run("berth-e2e-1", "berth-e2e-a");
        run("berth-e2e-2", "berth-e2e-a");
        String a1 = address("berth-e2e-1", "berth-e2e-a", false);
        String a2 = address("berth-e2e-2", "berth-e2e-a", false);
        assertNotEquals(a1, a2);
        assertTrue(v4.contains(IpPrefix.parseAddress(a1)) && v4.contains(IpPrefix.parseAddress(a2)));
        String b1 = address("berth-e2e-1", "berth-e2e-a", true);
        String b2 = address("berth-e2e-2", "berth-e2e-a", true);
        assertNotEquals(b1, b2);
        assertTrue(v6.contains(IpPrefix.parseAddress(b1)) && v6.contains(IpPrefix.parseAddress(b2)));
        docker("exec", "berth-e2e-1", "ping", "-c", "1", "-W", "5", a2).ok();
        docker("exec", "berth-e2e-2", "ping", "-c", "1", "-W", "5", a1).ok();
    }

    @Test
    public void removingTheNetworkReturnsItsAddressesAndSubnet() throws Exception {
        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "berth-e2e-a").ok();
        String subnet = subnet("berth-e2e-a", 0);
        run("berth-e2e-1", "berth-e2e-a");
        run("berth-e2e-2", "berth-e2e-a");
        assertEquals(3, allocatedIn("local/" + subnet)); // the gateway and two containers
        docker("rm", "-f", "berth-e2e-2").ok();
        assertEquals(2, allocatedIn("local/" + subnet));
        docker("rm", "-f", "berth-e2e-1").ok();
        docker("network", "rm", "berth-e2e-a").ok();
        assertEquals(0, allocatedIn("local/" + subnet));
        assertEquals(0, count("SELECT count(*) FROM ipam_pool WHERE pool_id = ?", "local/" + subnet));
    }

    @Test
    public void anExhaustedPoolGivesDockerRunAClearError() {
        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "--subnet", "198.18.252.0/30",
                "berth-e2e-tiny").ok();
        run("berth-e2e-1", "berth-e2e-tiny");
        Commands.Result full = docker("run", "-d", "--name", "berth-e2e-2", "--network", "berth-e2e-tiny", IMAGE,
                "sleep", "600");
        assertNotEquals(0, full.exit());
        assertTrue(full.err(), full.err().contains("no free address in pool local/198.18.252.0/30"));
    }

    @Test
    public void restartsKeepEveryAllocation() throws Exception {
        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "berth-e2e-a").ok();
        String subnet = subnet("berth-e2e-a", 0);
        run("berth-e2e-1", "berth-e2e-a");
        String first = address("berth-e2e-1", "berth-e2e-a", false);

        berth.stop();
        berth.start();
        run("berth-e2e-2", "berth-e2e-a");
        String second = address("berth-e2e-2", "berth-e2e-a", false);

        berth.kill(); // a crash: its PostgreSQL is left running and must be taken over
        berth.start();
        run("berth-e2e-3", "berth-e2e-a");
        String third = address("berth-e2e-3", "berth-e2e-a", false);

        assertEquals(3, List.of(first, second, third).stream().distinct().count());
        assertEquals(4, allocatedIn("local/" + subnet));
        docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "berth-e2e-b").ok();
        assertNotEquals(subnet, subnet("berth-e2e-b", 0));
        docker("exec", "berth-e2e-3", "ping", "-c", "1", "-W", "5", first).ok();
    }

    private static int allocatedIn(String poolId) throws Exception {
        return count("SELECT count(*) FROM ipam_address WHERE pool_id = ?", poolId);
    }

    private static int count(String sql, String arg) throws Exception {
        try (Connection c = berth.database(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, arg);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
