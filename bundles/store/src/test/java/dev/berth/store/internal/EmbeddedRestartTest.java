package dev.berth.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;

import org.junit.Test;

public class EmbeddedRestartTest {

    @Test
    public void dataSurvivesRestartAndAServerLeftByAKilledBerthIsReplaced() throws Exception {
        Path dataDir = Files.createTempDirectory("berth-restart-test");
        PostgresStore first = TestStores.embedded(dataDir);
        first.transaction(c -> c.createStatement().executeUpdate("CREATE TABLE kept (v TEXT)"));
        first.transaction(c -> c.createStatement().executeUpdate("INSERT INTO kept VALUES ('before restart')"));
        long firstPid = postmasterPid(dataDir);

        // Simulate Berth being killed: its PostgreSQL keeps running and holds the cluster.
        PostgresStore second = TestStores.embedded(dataDir);
        try {
            assertFalse("the leftover server must be stopped", ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)
                    .orElse(false));
            String value = second.transaction(c -> {
                try (ResultSet r = c.createStatement().executeQuery("SELECT v FROM kept")) {
                    assertTrue(r.next());
                    return r.getString(1);
                }
            });
            assertEquals("before restart", value);
        } finally {
            second.close();
        }
        assertFalse(Files.exists(dataDir.resolve("postgres/cluster/postmaster.pid")));
        PostgresBinaries.deleteTree(dataDir);
    }

    @Test
    public void aServerThatDiesIsStartedAgainAndTheStoreCarriesOn() throws Exception {
        Path dataDir = Files.createTempDirectory("berth-supervise-test");
        PostgresStore store = TestStores.embedded(dataDir);
        try {
            store.transaction(c -> c.createStatement().executeUpdate("CREATE TABLE kept (v TEXT)"));
            store.transaction(c -> c.createStatement().executeUpdate("INSERT INTO kept VALUES ('before the crash')"));
            long pid = postmasterPid(dataDir);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL: the server dies without a word
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());

            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            String value = null;
            RuntimeException last = null;
            while (value == null && System.nanoTime() < deadline) {
                try {
                    value = store.transaction(c -> {
                        try (ResultSet r = c.createStatement().executeQuery("SELECT v FROM kept")) {
                            assertTrue(r.next());
                            return r.getString(1);
                        }
                    });
                } catch (RuntimeException e) {
                    last = e; // refused with the reason while the server is down
                }
            }
            assertEquals("the data is back with the server; last failure: " + last, "before the crash", value);
            // the server may answer a moment before its supervisor has seen it ready and counted the restart
            while (store.embeddedServer().restarts() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, store.embeddedServer().restarts());
            assertTrue("a new postmaster", postmasterPid(dataDir) != pid);
        } finally {
            store.close();
        }
        assertFalse("closing stops the restarted server too",
                Files.exists(dataDir.resolve("postgres/cluster/postmaster.pid")));
        PostgresBinaries.deleteTree(dataDir);
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/cluster/postmaster.pid")).get(0).trim());
    }
}
