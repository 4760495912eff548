package dev.berth.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.store.api.Migration;
import dev.berth.store.api.StoreException;

public class MigrationRunnerTest {

    private static PostgresStore store;

    @BeforeClass
    public static void start() throws Exception {
        store = TestStores.embedded();
    }

    @AfterClass
    public static void stop() throws Exception {
        TestStores.destroy(store);
    }

    @Test
    public void appliesEachVersionOnceInOrder() {
        List<Migration> history = List.of(
                new Migration(1, "table", "CREATE TABLE m1 (id INT PRIMARY KEY);\n-- a comment\n"),
                new Migration(2, "column", "ALTER TABLE m1 ADD COLUMN name TEXT;\nINSERT INTO m1 VALUES (1, 'x');"));
        assertEquals(2, store.migrate("one", history));
        assertEquals(0, store.migrate("one", history));
        List<Migration> longer = new ArrayList<>(history);
        longer.add(new Migration(3, "more", "INSERT INTO m1 VALUES (2, 'y');"));
        assertEquals(1, store.migrate("one", longer));
        assertEquals(Integer.valueOf(2),
                store.transaction(c -> {
                    var r = c.createStatement().executeQuery("SELECT count(*) FROM m1");
                    r.next();
                    return r.getInt(1);
                }));
    }

    @Test
    public void aMigrationChangedAfterItWasAppliedIsRefused() {
        store.migrate("two", List.of(new Migration(1, "t", "CREATE TABLE m2 (id INT);")));
        StoreException e = assertThrows(StoreException.class,
                () -> store.migrate("two", List.of(new Migration(1, "t", "CREATE TABLE m2 (id BIGINT);"))));
        assertTrue(e.getMessage(), e.getMessage().contains("changed after it was applied"));
    }

    @Test
    public void gapsInTheHistoryAreRefused() {
        StoreException e = assertThrows(StoreException.class,
                () -> store.migrate("three", List.of(new Migration(2, "t", "SELECT 1;"))));
        assertTrue(e.getMessage(), e.getMessage().contains("without gaps"));
    }

    @Test
    public void aFailingMigrationLeavesItsVersionUnapplied() {
        StoreException e = assertThrows(StoreException.class, () -> store.migrate("four", List.of(
                new Migration(1, "bad", "CREATE TABLE m4 (id INT);\nSELECT * FROM missing_table;"))));
        assertTrue(e.getMessage(), e.getMessage().contains("four V1"));
        // the CREATE TABLE was rolled back with the failing statement
        assertEquals(1, store.migrate("four", List.of(new Migration(1, "bad", "CREATE TABLE m4 (id INT);"))));
    }

    @Test
    public void concurrentMigratorsApplyEachVersionExactlyOnce() throws Exception {
        List<Migration> history = List.of(new Migration(1, "t", "CREATE TABLE m5 (id INT PRIMARY KEY);"),
                new Migration(2, "row", "INSERT INTO m5 VALUES (1);"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<Integer> task = () -> store.migrate("five", history);
            results.add(pool.submit(task));
        }
        int applied = 0;
        for (Future<Integer> f : results) {
            applied += f.get();
        }
        pool.shutdown();
        assertEquals(2, applied);
    }

    @Test
    public void scriptsSplitAtSemicolonsThatEndALine() {
        assertEquals(List.of("CREATE TABLE a (x TEXT DEFAULT ';')", "SELECT 1"),
                MigrationRunner.statements("-- header\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nSELECT 1;\n"));
    }
}
