package dev.berth.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.store.api.StoreException;

public class PostgresStoreTest {

    private static PostgresStore store;

    @BeforeClass
    public static void start() throws Exception {
        store = TestStores.embedded();
        store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL)");
                s.execute("INSERT INTO counter VALUES (1, 0)");
                s.execute("CREATE TABLE note (id INT PRIMARY KEY)");
            }
            return null;
        });
    }

    @AfterClass
    public static void stop() throws Exception {
        TestStores.destroy(store);
    }

    @Test
    public void embeddedServerRunsUnprivilegedOnLoopbackWithPrivateData() throws Exception {
        assertTrue(store.status().embedded());
        assertTrue(store.status().url(), store.status().url().startsWith("jdbc:postgresql://127.0.0.1:"));
        assertTrue(store.status().serverVersion(), store.status().serverVersion().startsWith("17."));
        Path cluster = Path.of(store.status().dataDirectory());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cluster)));
        long pid = Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).trim());
        int uid = (Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid");
        assertNotEquals("PostgreSQL must not run as root", 0, uid);
        assertEquals(uid, (int) (Integer) Files.getAttribute(cluster, "unix:uid"));
        Path secret = cluster.resolveSibling("superuser.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    }

    @Test
    public void conflictingSerializableTransactionsAreRetriedUntilAllCommit() throws Exception {
        int threads = 8;
        int perThread = 40;
        int before = count();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.transaction(c -> {
                        // read-modify-write: concurrent ones conflict and must be retried
                        int n;
                        try (ResultSet r = c.createStatement().executeQuery("SELECT n FROM counter WHERE id = 1")) {
                            r.next();
                            n = r.getInt(1);
                        }
                        c.createStatement().executeUpdate("UPDATE counter SET n = " + (n + 1) + " WHERE id = 1");
                        return null;
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(before + threads * perThread, count());
    }

    @Test
    public void workThatThrowsLeavesNothingBehind() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.transaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO note VALUES (42)");
            throw new IllegalStateException("refused half way");
        }));
        assertEquals("refused half way", thrown.getMessage());
        assertFalse(store.transaction(c -> c.createStatement().executeQuery("SELECT 1 FROM note WHERE id = 42").next()));
    }

    @Test
    public void sqlErrorsAreReportedWithTheDatabaseMessage() {
        StoreException e = assertThrows(StoreException.class,
                () -> store.transaction(c -> c.createStatement().executeQuery("SELECT * FROM no_such_table")));
        assertTrue(e.getMessage(), e.getMessage().contains("no_such_table"));
    }

    @Test
    public void secondProcessSharesTheDatabaseThroughItsUrl() throws Exception {
        try (var second = new AutoCloseableStore(TestStores.sharing(store))) {
            assertFalse(second.store.status().embedded());
            second.store.transaction(c -> c.createStatement().executeUpdate("INSERT INTO note VALUES (7)"));
            assertTrue(store.transaction(c -> c.createStatement().executeQuery("SELECT 1 FROM note WHERE id = 7").next()));
        }
    }

    private static int count() {
        return store.transaction(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT n FROM counter WHERE id = 1")) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private record AutoCloseableStore(PostgresStore store) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }
}
