package dev.berth.ipam.internal;

import java.util.List;

/**
 * How a schema pool is carved beyond what the API's {@code PoolDefinition} says.
 *
 * @param nodeLength the prefix length of the blocks each cluster node claims for itself ({@code node_length}),
 *     or 0 when subnets are carved from the whole pool by whichever node asks
 * @param tags the tags that select the pool with {@code --ipam-opt tag=TAG}
 */
public record PoolCarving(int nodeLength, List<String> tags) {

    /** A pool carved per network only and selected by no tag. */
    static final PoolCarving PER_NETWORK = new PoolCarving(0, List.of());

    /**
     * Copies the tags.
     *
     * @param nodeLength the block length, or 0
     * @param tags the tags
     */
    public PoolCarving {
        tags = List.copyOf(tags);
    }

    /**
     * Tells whether each node carves only inside blocks of its own.
     *
     * @return whether {@code node_length} is set
     */
    public boolean perNode() {
        return nodeLength > 0;
    }
}
