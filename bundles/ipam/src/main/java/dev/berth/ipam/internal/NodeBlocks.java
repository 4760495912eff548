package dev.berth.ipam.internal;

import java.util.List;

import dev.berth.ipam.api.PoolDefinition;

/**
 * What the IPAM shows of its per-node and tagged carving, for {@code ipam:blocks} and {@code ipam:schema}. Private
 * to this bundle until the IPAM API carries it.
 */
public interface NodeBlocks {

    /**
     * Names this cluster node.
     *
     * @return the node name blocks are claimed under
     */
    String node();

    /**
     * Lists the blocks every node claimed.
     *
     * @return the blocks, by address space and address
     */
    List<NodeBlock> blocks();

    /**
     * Tells how a schema pool is carved.
     *
     * @param pool a pool of the schema in force
     * @return its node length and tags
     */
    PoolCarving carving(PoolDefinition pool);
}
