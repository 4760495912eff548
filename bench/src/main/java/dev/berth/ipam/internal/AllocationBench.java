package dev.berth.ipam.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.berth.ipam.api.AddressKind;
import dev.berth.ipam.api.AddressRequest;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.PoolGrant;
import dev.berth.ipam.api.PoolRequest;
import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/**
 * Measures Berth's address allocation against its reference, in one run on one PostgreSQL server:
 *
 * <ol>
 * <li>throughput of durable allocations (each committed before it returns) against the same server's own
 * rate of durable single-row INSERT commits over JDBC, sequentially and with 8 clients;</li>
 * <li>the cost of one allocation in an empty /16 against a /16 that is 95% full, with its free addresses
 * scattered (as after many containers came and went).</li>
 * </ol>
 *
 * Usage: {@code bench/ipam-allocation} (which builds the classpath). Each figure is the median of several
 * rounds after a warm-up.
 */
public final class AllocationBench {

    private static final int ROUNDS = 5;
    private static final int OPS = 400;

    private AllocationBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path data = Files.createTempDirectory("berth-bench");
        PostgresStore store = TestStores.embedded(data);
        try {
            IpamService ipam = new IpamService(store, SchemaParser.parse("bench", String.join("\n",
                    "version: 1", "spaces:", "  local:",
                    "    - {name: big, family: ipv4, prefixes: [198.18.0.0/15], subnet_length: 16, default: true}",
                    "    - {name: v6, family: ipv6, prefixes: [\"fd00:be::/48\"], subnet_length: 64, default: true}",
                    "")));
            store.transaction(c -> {
                c.createStatement().execute("CREATE TABLE bench_reference (id BIGINT PRIMARY KEY, payload BYTEA)");
                return null;
            });
            System.out.printf(Locale.ROOT, "Berth IPAM allocation benchmark (PostgreSQL %s, %d rounds x %d operations, "
                    + "median)%n%n", store.status().serverVersion(), ROUNDS, OPS);
            throughput(store, ipam, 1);
            throughput(store, ipam, 8);
            emptyVersusFull(store, ipam);
        } finally {
            TestStores.destroy(store);
        }
    }

    private static void throughput(PostgresStore store, IpamService ipam, int clients) throws Exception {
        PoolGrant pool = ipam.requestPool(new PoolRequest("", null, null, Map.of("pool", "v6"), true));
        AtomicLong nextId = new AtomicLong(clients * 10_000_000L);
        Runnable allocate = () -> ipam.requestAddress(new AddressRequest(pool.poolId(), null, AddressKind.ENDPOINT, ""));
        Runnable insert = () -> store.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_reference VALUES (?, ?)")) {
                p.setLong(1, nextId.incrementAndGet());
                p.setBytes(2, new byte[16]);
                p.executeUpdate();
            }
            return null;
        });
        rate(allocate, clients, OPS / 4);
        rate(insert, clients, OPS / 4);
        double[] berth = new double[ROUNDS];
        double[] reference = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) { // interleaved, so that both see the same machine
            berth[r] = rate(allocate, clients, OPS);
            reference[r] = rate(insert, clients, OPS);
        }
        double b = median(berth);
        double ref = median(reference);
        System.out.printf(Locale.ROOT, "durable allocations, %d client(s): Berth %.0f/s, PostgreSQL single-row INSERT "
                + "commits %.0f/s, ratio %.2f%n", clients, b, ref, b / ref);
    }

    private static void emptyVersusFull(PostgresStore store, IpamService ipam) throws Exception {
        PoolGrant empty = ipam.requestPool(new PoolRequest("", IpPrefix.parse("198.18.0.0/16"), null, Map.of(), false));
        PoolGrant full = ipam.requestPool(new PoolRequest("", IpPrefix.parse("198.19.0.0/16"), null, Map.of(), false));
        int free = fillTo95Percent(store, full.poolId());
        Runnable inEmpty = () -> ipam.requestAddress(new AddressRequest(empty.poolId(), null, AddressKind.ENDPOINT, ""));
        Runnable inFull = () -> ipam.requestAddress(new AddressRequest(full.poolId(), null, AddressKind.ENDPOINT, ""));
        int ops = Math.min(OPS, free / (ROUNDS + 1));
        rate(inEmpty, 1, ops / 2);
        rate(inFull, 1, ops / 2);
        double[] e = new double[ROUNDS];
        double[] f = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            e[r] = 1e6 / rate(inEmpty, 1, ops);
            f[r] = 1e6 / rate(inFull, 1, ops);
        }
        double me = median(e);
        double mf = median(f);
        System.out.printf(Locale.ROOT, "cost of one allocation in a /16: empty %.0f us, 95%% full (free addresses "
                + "scattered) %.0f us, ratio full/empty %.2f%n", me, mf, mf / me);
    }

    /**
     * Puts a pool in the state it has after every address was allocated and a random 5% released again: the
     * cursor at the end of the range, the free addresses scattered in the free list.
     */
    private static int fillTo95Percent(PostgresStore store, String poolId) {
        return store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO ipam_address (pool_id, addr, kind, note) SELECT '" + poolId + "', "
                        + "decode(lpad(to_hex((198::bigint << 24) + (19 << 16) + i), 8, '0'), 'hex'), 'ENDPOINT', '' "
                        + "FROM generate_series(1, 65534) AS i");
                s.execute("CREATE TEMP TABLE released AS SELECT addr FROM ipam_address WHERE pool_id = '" + poolId
                        + "' ORDER BY md5(addr::text) LIMIT 3277");
                s.execute("DELETE FROM ipam_address WHERE pool_id = '" + poolId + "' AND addr IN (SELECT addr FROM released)");
                s.execute("INSERT INTO ipam_address_free (pool_id, addr) SELECT '" + poolId + "', addr FROM released");
                s.execute("UPDATE ipam_pool SET next_addr = range_last, allocated = 65534 - 3277 WHERE pool_id = '"
                        + poolId + "'");
                s.execute("DROP TABLE released");
            }
            return 3277;
        });
    }

    /** Runs {@code ops} operations on {@code clients} threads and returns operations per second. */
    private static double rate(Runnable op, int clients, int ops) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < clients; t++) {
                int share = ops / clients;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < share; i++) {
                        op.run();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return (ops / clients * clients) / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

}
