package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.UnixHttp;

/**
 * A lost database: while Berth's embedded PostgreSQL is down, Docker gets a clear error naming the database and no
 * half-done allocation is left; a server that crashed is started again by Berth and the plugin carries on.
 */
public class LostDatabaseIT {

    private static BerthInstance berth;
    private static Path socket;

    @BeforeClass
    public static void start() throws Exception {
        berth = BerthInstance.create("lost-db");
        socket = berth.data().resolve("plugin.sock");
        berth.env("BERTH_PLUGIN_SOCKET", socket.toString()).start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (berth != null) {
            berth.stop();
        }
    }

    private static UnixHttp.Response requestPool(String subnet) throws Exception {
        return UnixHttp.post(socket, "/IpamDriver.RequestPool", "{\"AddressSpace\":\"local\",\"Pool\":\"" + subnet + "\"}");
    }

    /** The embedded server's postmaster, which Berth started. */
    private static ProcessHandle postmaster() throws Exception {
        String pid = Files.readAllLines(berth.data().resolve("postgres/cluster/postmaster.pid")).get(0).trim();
        return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
    }

    @Test
    public void aCrashedServerIsStartedAgainAndAStoppedOneGivesDockerAClearErrorAndNoPartialState() throws Exception {
        assertEquals(200, requestPool("198.18.230.0/24").status());

        // crashed: SIGKILL; Berth starts it again and the plugin carries on
        ProcessHandle crashed = postmaster();
        crashed.destroyForcibly();
        crashed.onExit().join();
        Path log = berth.data().resolve("karaf/log/karaf.log");
        Deadline.await("Berth starting the server again", Duration.ofSeconds(60),
                () -> Files.readString(log).contains("The embedded PostgreSQL is running again"), again -> again);
        assertNotEquals("a new postmaster", crashed.pid(), postmaster().pid());
        // the pool may still hand out a connection to the dead server once: that request fails whole, the next passes
        UnixHttp.Response after = Deadline.await("a pool once the server is back", Duration.ofSeconds(30),
                () -> requestPool("198.18.231.0/24"), r -> r.status() == 200);
        assertTrue(after.body(), after.body().contains("local/198.18.231.0/24"));

        // stopped cleanly by someone else (SIGINT, as pg_ctl stop -m fast): it stays down and requests fail clearly
        ProcessHandle stopped = postmaster();
        Runtime.getRuntime().exec(new String[] {"kill", "-INT", Long.toString(stopped.pid())}).waitFor();
        stopped.onExit().join();
        UnixHttp.Response refused = requestPool("198.18.232.0/24");
        assertTrue(refused.body(), refused.body().startsWith("{\"Error\":") && refused.body().contains("database"));
        UnixHttp.Response network = UnixHttp.post(socket, "/NetworkDriver.CreateNetwork", "{\"NetworkID\":\""
                + "0".repeat(63) + "1\",\"Options\":{},\"IPv4Data\":[{\"AddressSpace\":\"local\",\"Pool\":\"198.18.230.0/24\",\"Gateway\":\"198.18.230.1/24\"}]}");
        assertTrue(network.body(), network.body().startsWith("{\"Err\":") && network.body().contains("database"));

        // after a restart of Berth: what failed left nothing, what succeeded is there
        berth.stop();
        berth.start();
        String pools = berth.script("berth-shell", "ipam:pools").ok();
        assertTrue(pools, pools.contains("198.18.230.0/24") && pools.contains("198.18.231.0/24"));
        assertFalse("the refused request left no pool: " + pools, pools.contains("198.18.232.0/24"));
        String networks = berth.script("berth-shell", "net:networks").ok();
        assertFalse("the refused network left nothing: " + networks, networks.contains("000000000000"));
        assertEquals(200, requestPool("198.18.232.0/24").status());
    }
}
