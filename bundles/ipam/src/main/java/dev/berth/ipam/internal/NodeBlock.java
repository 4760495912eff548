package dev.berth.ipam.internal;

import java.time.Instant;

import dev.berth.ipam.api.IpPrefix;

/**
 * A block of a per-node schema pool and the cluster node that claimed it.
 *
 * @param space the address space
 * @param schemaPool the schema pool it was claimed from
 * @param block the block
 * @param node the node that carves its subnets in it
 * @param granted how many granted pools (networks) lie in it
 * @param carvedThrough whether carving reached its end (released subnets in it are still carved again)
 * @param claimedAt when it was claimed
 */
public record NodeBlock(String space, String schemaPool, IpPrefix block, String node, long granted,
        boolean carvedThrough, Instant claimedAt) {
}
