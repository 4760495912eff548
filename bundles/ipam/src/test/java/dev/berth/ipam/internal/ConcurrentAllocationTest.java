package dev.berth.ipam.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.ipam.api.AddressKind;
import dev.berth.ipam.api.AddressRequest;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.NodeBlock;
import dev.berth.ipam.api.PoolGrant;
import dev.berth.ipam.api.PoolRequest;
import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/** Two allocators, each with its own connection pool, share one database as two Berth processes would. */
public class ConcurrentAllocationTest {

    static final String SCHEMA = String.join("\n",
            "version: 1",
            "spaces:",
            "  local:",
            "    - name: many",
            "      family: ipv4",
            "      prefixes: [198.18.128.0/17]",
            "      subnet_length: 28",
            "      default: true",
            "    - name: v6",
            "      family: ipv6",
            "      prefixes: [\"fd00:c::/56\"]",
            "      subnet_length: 64",
            "      default: true",
            "    - name: per-node",
            "      family: ipv4",
            "      prefixes: [198.18.64.0/18]",
            "      subnet_length: 28",
            "      node_length: 26",
            "");

    static PostgresStore first;
    static PostgresStore second;

    @BeforeClass
    public static void start() throws Exception {
        first = TestStores.embedded();
        second = TestStores.sharing(first);
    }

    @AfterClass
    public static void stop() throws Exception {
        second.close();
        TestStores.destroy(first);
    }

    @Test
    public void parallelAllocationsFromTwoAllocatorsNeverHandOutAnAddressTwice() throws Exception {
        IpamService a = new IpamService(first, SchemaParser.parse("t", SCHEMA));
        IpamService b = new IpamService(second, SchemaParser.parse("t", SCHEMA));
        PoolGrant pool = a.requestPool(new PoolRequest("", null, null, Map.of("pool", "v6"), true));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> tasks = new ArrayList<>();
        int perThread = 25;
        for (int t = 0; t < 8; t++) {
            IpamService ipam = t % 2 == 0 ? a : b;
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    String cidr = ipam.requestAddress(new AddressRequest(pool.poolId(), null, AddressKind.ENDPOINT, ""))
                            .cidr();
                    if (!seen.add(cidr)) {
                        throw new AssertionError(cidr + " was handed out twice");
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        assertEquals(8 * perThread, seen.size());
        assertEquals(8 * perThread, b.allocations(pool.poolId()).size());
    }

    @Test
    public void parallelCarvingFromTwoAllocatorsNeverGrantsASubnetTwice() throws Exception {
        IpamService a = new IpamService(first, SchemaParser.parse("t", SCHEMA));
        IpamService b = new IpamService(second, SchemaParser.parse("t", SCHEMA));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            IpamService ipam = t % 2 == 0 ? a : b;
            tasks.add(() -> {
                for (int i = 0; i < 10; i++) {
                    String subnet = ipam.requestPool(new PoolRequest("", null, null, Map.of(), false)).subnet().toString();
                    if (!seen.add(subnet)) {
                        throw new AssertionError(subnet + " was granted twice");
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        assertEquals(60, seen.size());
    }

    @Test
    public void twoNodesClaimingBlocksAtOnceNeverShareOneAndCarveOnlyInTheirOwn() throws Exception {
        IpamService a = new IpamService(first, SchemaParser.parse("t", SCHEMA), "node-a");
        IpamService b = new IpamService(second, SchemaParser.parse("t", SCHEMA), "node-b");
        Map<String, String> granted = new ConcurrentHashMap<>();
        CyclicBarrier together = new CyclicBarrier(8);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            IpamService ipam = t % 2 == 0 ? a : b;
            tasks.add(() -> {
                together.await(60, TimeUnit.SECONDS); // every thread's first request at once
                for (int i = 0; i < 10; i++) {
                    String subnet = ipam.requestPool(new PoolRequest("", null, null, Map.of("pool", "per-node"), false))
                            .subnet().toString();
                    if (granted.putIfAbsent(subnet, ipam.node()) != null) {
                        throw new AssertionError(subnet + " was granted twice");
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        assertEquals(80, granted.size());
        List<NodeBlock> blocks = a.blocks().stream().filter(x -> x.schemaPool().equals("per-node")).toList();
        assertEquals(20, blocks.size()); // 40 /28 subnets per node, 4 to a /26 block
        for (int i = 1; i < blocks.size(); i++) {
            assertTrue(blocks.get(i - 1).block() + " overlaps " + blocks.get(i).block(),
                    !blocks.get(i - 1).block().overlaps(blocks.get(i).block()));
        }
        for (Map.Entry<String, String> g : granted.entrySet()) {
            IpPrefix subnet = IpPrefix.parse(g.getKey());
            assertTrue(g + " lies outside its node's blocks", blocks.stream().anyMatch(x -> x.node().equals(g.getValue())
                    && x.block().contains(subnet)));
        }
    }

    private static void runAll(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> futures = pool.invokeAll(tasks);
            for (Future<Void> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
