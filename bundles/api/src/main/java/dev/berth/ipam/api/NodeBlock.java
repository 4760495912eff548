package dev.berth.ipam.api;

import java.time.Instant;

/**
 * A block of a per-node schema pool ({@code node_length}) and the cluster node that claimed it.
 *
 * @param addressSpace the address space
 * @param schemaPool the schema pool it was claimed from
 * @param block the block
 * @param node the node that carves its subnets in it
 * @param granted how many granted pools (networks) lie in it
 * @param carvedThrough whether carving reached its end (released subnets in it are still carved again)
 * @param claimedAt when it was claimed
 */
public record NodeBlock(String addressSpace, String schemaPool, IpPrefix block, String node, long granted,
        boolean carvedThrough, Instant claimedAt) {
}
