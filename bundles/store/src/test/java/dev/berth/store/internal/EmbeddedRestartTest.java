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

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/cluster/postmaster.pid")).get(0).trim());
    }
}
