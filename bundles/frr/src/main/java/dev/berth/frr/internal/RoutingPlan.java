package dev.berth.frr.internal;

import java.util.ArrayList;
import java.util.List;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.NodeBlock;
import dev.berth.ipam.api.PoolDefinition;

/**
 * What routing takes from the IPAM's address plan: the prefixes bgpd accepts from peers, and this node's blocks,
 * which it announces as aggregates.
 *
 * @param accepted the prefix ranges peers may announce, in schema order; none while the plan is not known
 * @param blocks the blocks this node claimed from per-node pools
 * @param known whether the plan came from the IPAM (rather than {@link #UNKNOWN})
 */
record RoutingPlan(List<Accepted> accepted, List<IpPrefix> blocks, boolean known) {

    /** Before the IPAM was ever seen: nothing is accepted from peers. */
    static final RoutingPlan UNKNOWN = new RoutingPlan(List.of(), List.of(), false);

    /**
     * A prefix of the plan and the lengths peers may announce inside it.
     *
     * @param prefix a prefix of a schema pool
     * @param shortest the shortest length accepted: the pool's node length, else its subnet length
     * @param longest the longest length accepted: the pool's subnet length
     */
    record Accepted(IpPrefix prefix, int shortest, int longest) {
    }

    RoutingPlan {
        accepted = List.copyOf(accepted);
        blocks = List.copyOf(blocks);
    }

    /**
     * Takes the plan from the IPAM: every pool's prefixes, and the blocks of one node.
     *
     * @param schema the schema in force
     * @param node this node's name
     * @param all every node's blocks
     * @return the plan
     */
    static RoutingPlan of(IpamSchema schema, String node, List<NodeBlock> all) {
        List<Accepted> accepted = new ArrayList<>();
        for (PoolDefinition pool : schema.pools()) {
            int shortest = pool.perNode() ? pool.nodeLength() : pool.subnetLength();
            pool.prefixes().forEach(p -> accepted.add(new Accepted(p, shortest, pool.subnetLength())));
        }
        return new RoutingPlan(accepted.stream().distinct().toList(), all.stream().filter(b -> b.node().equals(node)).map(NodeBlock::block)
                .toList(), true);
    }
}
