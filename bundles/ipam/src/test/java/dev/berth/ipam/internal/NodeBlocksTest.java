package dev.berth.ipam.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

import dev.berth.ipam.api.AddressPlan;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.NodeBlock;
import dev.berth.ipam.api.PoolDefinition;
import dev.berth.ipam.api.IpamException.Reason;
import dev.berth.ipam.api.PoolRequest;

/** Two nodes' allocators on one store, carving a per-node pool (node_length). */
public class NodeBlocksTest {

    static final String SCHEMA = String.join("\n",
            "version: 1",
            "spaces:",
            "  local:",
            "    - name: nodes",
            "      family: ipv4",
            "      prefixes: [198.18.0.0/22]",
            "      subnet_length: 26",
            "      node_length: 24",
            "      default: true",
            "    - name: nodes-v6",
            "      family: ipv6",
            "      prefixes: [\"fd00:d::/56\"]",
            "      subnet_length: 64",
            "      node_length: 60",
            "      default: true",
            "");

    @ClassRule
    public static final EmbeddedStoreRule STORE = new EmbeddedStoreRule();
    IpamService a;
    IpamService b;

    @Before
    public void freshState() throws Exception {
        a = STORE.freshIpam(SCHEMA, "node-a");
        b = new IpamService(STORE.store(), SchemaParser.parse("test.yaml", SCHEMA), "node-b");
    }

    private static String carve(IpamService ipam) {
        return ipam.requestPool(new PoolRequest("", null, null, Map.of(), false)).subnet().toString();
    }

    private List<String> blocksOf(String node) {
        return a.blocks().stream().filter(x -> x.node().equals(node)).map(x -> x.block().toString()).toList();
    }

    @Test
    public void twoNodesClaimDisjointBlocksAndCarveOnlyInsideTheirOwn() {
        assertEquals("198.18.0.0/26", carve(a));
        assertEquals("198.18.1.0/26", carve(b));
        assertEquals("198.18.0.64/26", carve(a));
        assertEquals("198.18.1.64/26", carve(b));
        assertEquals(List.of("198.18.0.0/24"), blocksOf("node-a"));
        assertEquals(List.of("198.18.1.0/24"), blocksOf("node-b"));
        NodeBlock listed = b.blocks().get(0);
        assertEquals("nodes", listed.schemaPool());
        assertEquals(2, listed.granted());
        assertEquals("node-b", b.node());
        assertEquals(24, a.schema().pool("local", "nodes").orElseThrow().nodeLength());
    }

    @Test
    public void theAddressPlanServiceListsEveryNodesBlocksAndThePoolsNodeLength() throws Exception {
        carve(a);
        carve(b);
        a.requestPool(new PoolRequest("", null, null, Map.of(), true));
        AddressPlan plan = b;
        assertEquals("node-b", plan.node());
        assertEquals(List.of(
                new NodeBlock("local", "nodes", IpPrefix.parse("198.18.0.0/24"), "node-a", 1, false, null),
                new NodeBlock("local", "nodes", IpPrefix.parse("198.18.1.0/24"), "node-b", 1, false, null),
                new NodeBlock("local", "nodes-v6", IpPrefix.parse("fd00:d::/60"), "node-a", 1, false, null)),
                plan.blocks().stream().map(x -> new NodeBlock(x.addressSpace(), x.schemaPool(), x.block(), x.node(),
                        x.granted(), x.carvedThrough(), null)).toList());
        PoolDefinition v6 = plan.schema().pool("local", "nodes-v6").orElseThrow();
        assertEquals(60, v6.nodeLength());
        assertTrue(v6.perNode());
        // routing (berth-frr) finds the plan as a service of its own, not only as part of the allocator
        try (var in = IpamService.class.getResourceAsStream("/OSGI-INF/" + IpamService.class.getName() + ".xml")) {
            String component = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(component, component.contains("<provide interface=\"" + AddressPlan.class.getName() + "\"/>"));
        }
    }

    @Test
    public void ipv6PoolsAreCarvedPerNodeToo() {
        PoolRequest v6 = new PoolRequest("", null, null, Map.of(), true);
        assertEquals("fd00:d::/64", a.requestPool(v6).subnet().toString());
        assertEquals("fd00:d:0:10::/64", b.requestPool(v6).subnet().toString());
        assertEquals("fd00:d:0:1::/64", a.requestPool(v6).subnet().toString());
        assertEquals(List.of("fd00:d::/60"), blocksOf("node-a"));
    }

    @Test
    public void aFullBlockMakesTheNodeClaimAnother() {
        for (int i = 0; i < 4; i++) {
            carve(a);
        }
        assertEquals(List.of("198.18.0.0/24"), blocksOf("node-a"));
        assertEquals("198.18.1.0/26", carve(a));
        assertEquals(List.of("198.18.0.0/24", "198.18.1.0/24"), blocksOf("node-a"));
        assertTrue(a.blocks().get(0).carvedThrough());
        // node B's first block comes after both of A's
        assertEquals("198.18.2.0/26", carve(b));
    }

    @Test
    public void releasedSubnetsAreCarvedAgainOnlyByTheNodeOwningTheirBlock() {
        List<String> first = List.of(carve(a), carve(a), carve(a), carve(a));
        a.releasePool("local/198.18.0.64/26");
        assertEquals("198.18.1.0/26", carve(b)); // B's own block, not A's released subnet
        assertEquals("198.18.0.64/26", carve(a));
        assertEquals(List.of("198.18.0.0/24"), blocksOf("node-a"));
        assertEquals(List.of("198.18.0.0/26", "198.18.0.64/26", "198.18.0.128/26", "198.18.0.192/26"), first);
    }

    @Test
    public void exhaustionIsAClearErrorAndLeavesNoRows() throws Exception {
        for (int i = 0; i < 12; i++) {
            carve(a);
        }
        for (int i = 0; i < 4; i++) {
            carve(b);
        }
        b.releasePool("local/198.18.3.0/26");
        long pools = count("ipam_pool");
        long blocks = count("ipam_node_block");
        IpamException full = assertThrows(IpamException.class, () -> carve(a));
        assertEquals(Reason.EXHAUSTED, full.reason());
        assertTrue(full.getMessage(), full.getMessage().contains("schema pool 'nodes' of address space 'local' has no "
                + "free /26 subnet left in the blocks of node 'node-a' and no free /24 block left in [198.18.0.0/22]"));
        assertEquals(pools, count("ipam_pool"));
        assertEquals(blocks, count("ipam_node_block"));
        assertEquals(1, count("ipam_subnet_free"));
        assertEquals("198.18.3.0/26", carve(b));
    }

    @Test
    public void explicitSubnetsNeedNoBlockAndBlocksAreCarvedAroundThem() {
        assertEquals("local/198.18.0.0/24", a.requestPool(new PoolRequest("local", IpPrefix.parse("198.18.0.0/24"), null,
                Map.of(), false)).poolId());
        assertEquals("local/198.18.1.0/26", b.requestPool(new PoolRequest("local", IpPrefix.parse("198.18.1.0/26"),
                null, Map.of(), false)).poolId());
        assertEquals(List.of(), a.blocks());
        // 198.18.0.0/24 is wholly granted, so no block there; 198.18.1.0/24 is claimed and carved around the /26
        assertEquals("198.18.1.64/26", carve(a));
        assertEquals(List.of("198.18.1.0/24"), blocksOf("node-a"));
    }

    @Test
    public void aRestartedAllocatorKeepsItsNodesBlocks() throws Exception {
        carve(a);
        IpamService restarted = new IpamService(STORE.store(), SchemaParser.parse("test.yaml", SCHEMA), "node-a");
        assertEquals("198.18.0.64/26", carve(restarted));
        assertEquals(List.of("198.18.0.0/24"), blocksOf("node-a"));
    }

    @Test
    public void blocksOfAnEarlierNodeLengthAreKeptWhenTheSchemaChangesIt() throws Exception {
        carve(a);
        IpamService shorter = new IpamService(STORE.store(), SchemaParser.parse("test.yaml", SCHEMA.replace("node_length: 24",
                "node_length: 25")), "node-b");
        assertEquals("198.18.1.0/26", carve(shorter));
        assertEquals(List.of("198.18.1.0/25"), blocksOf("node-b"));
        assertEquals("198.18.0.64/26", carve(a));
    }

    private static long count(String table) {
        return STORE.store().transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        });
    }
}
