package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.UnixHttp;

/**
 * Two Berth processes share one database (the second reaches the first's PostgreSQL through its URL) and
 * allocate in parallel through their own plugin sockets: nothing is ever handed out twice.
 */
public class TwoProcessesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static BerthInstance first;
    private static BerthInstance second;
    private static Path firstSocket;
    private static Path secondSocket;

    @BeforeClass
    public static void start() throws Exception {
        first = BerthInstance.create("two-a");
        firstSocket = first.data().resolve("a.sock");
        first.env("BERTH_PLUGIN_SOCKET", firstSocket.toString()).start();
        second = BerthInstance.create("two-b");
        secondSocket = second.data().resolve("b.sock");
        // the second process reaches the first's database as an external one, on TLS with the first's certificates
        java.util.Properties tls = first.clientTls();
        // only one Berth manages a host's networks: the second's network driver refuses to start
        String ready = second.expectDrivers("IpamDriver, VolumeDriver")
                .env("BERTH_PLUGIN_SOCKET", secondSocket.toString())
                .env("BERTH_DB_URL", first.databaseUrl()).env("BERTH_DB_USER", "berth").env("BERTH_DB_TLS", "files")
                .env("BERTH_DB_SSLROOTCERT", tls.getProperty("sslrootcert"))
                .env("BERTH_DB_SSLCERT", tls.getProperty("sslcert")).env("BERTH_DB_SSLKEY", tls.getProperty("sslkey"))
                .start();
        assertTrue(ready, ready.contains(secondSocket.toString()));
        assertTrue(second.output(), second.output().contains("Store ready: " + first.databaseUrl() + "?ssl=true"));
    }

    @AfterClass
    public static void stop() throws Exception {
        second.stop();
        first.stop();
    }

    private static JsonNode post(Path socket, String path, String body) throws Exception {
        JsonNode node = JSON.readTree(UnixHttp.post(socket, path, body).body());
        if (node.has("Error")) {
            throw new AssertionError(path + ": " + node.get("Error").textValue());
        }
        return node;
    }

    @Test
    public void parallelAddressRequestsThroughBothProcessesNeverCollide() throws Exception {
        String poolId = post(firstSocket, "/IpamDriver.RequestPool",
                "{\"AddressSpace\":\"local\",\"Pool\":\"198.18.124.0/22\"}").get("PoolID").textValue();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Path socket = t % 2 == 0 ? firstSocket : secondSocket;
            tasks.add(() -> {
                for (int i = 0; i < 30; i++) {
                    String address = post(socket, "/IpamDriver.RequestAddress", "{\"PoolID\":\"" + poolId + "\"}")
                            .get("Address").textValue();
                    if (!seen.add(address)) {
                        throw new AssertionError(address + " was handed out twice");
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        assertEquals(480, seen.size());
        assertEquals(480, count("SELECT count(*) FROM ipam_address WHERE pool_id = '" + poolId + "'"));
    }

    @Test
    public void parallelPoolRequestsThroughBothProcessesNeverGrantASubnetTwice() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Path socket = t % 2 == 0 ? firstSocket : secondSocket;
            tasks.add(() -> {
                for (int i = 0; i < 5; i++) {
                    String pool = post(socket, "/IpamDriver.RequestPool",
                            "{\"AddressSpace\":\"local\",\"Options\":{\"pool\":\"services\"}}").get("Pool").textValue();
                    if (!seen.add(pool)) {
                        throw new AssertionError(pool + " was granted twice");
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        assertEquals(40, seen.size());
    }

    private static int count(String sql) throws Exception {
        try (Connection c = first.database(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void runAll(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
