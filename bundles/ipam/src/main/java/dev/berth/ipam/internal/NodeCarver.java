package dev.berth.ipam.internal;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.PoolDefinition;

/**
 * Carves a per-node schema pool ({@code node_length}): a node carves its networks' subnets only inside blocks it
 * claimed, first where carving left off in them, then from subnets released in them, and only then claims another
 * block. Blocks are carved from the pool with the pool's cursors, so a claim does not walk the pool either; two
 * nodes claiming at once conflict on the cursor and the block's key, and the store retries the loser.
 */
final class NodeCarver {

    private NodeCarver() {
    }

    static IpPrefix carve(Connection c, PoolDefinition pool, int nodeLength, String node) throws SQLException {
        while (true) {
            Optional<IpPrefix> subnet = fromOpenBlocks(c, pool, node);
            if (subnet.isEmpty()) {
                subnet = SubnetCarver.fromFreeList(c, pool, node);
            }
            if (subnet.isPresent()) {
                return subnet.get();
            }
            claim(c, pool, nodeLength, node);
        }
    }

    private static Optional<IpPrefix> fromOpenBlocks(Connection c, PoolDefinition pool, String node)
            throws SQLException {
        Optional<NodeBlockTable.OpenBlock> open = NodeBlockTable.open(c, pool, node);
        while (open.isPresent()) {
            IpPrefix block = open.get().block();
            Optional<IpPrefix> fresh = SubnetCarver.firstFree(block, pool.subnetLength(), open.get().next(),
                    s -> SubnetCarver.obstacle(c, pool, s));
            NodeBlockTable.advance(c, pool.addressSpace(), block, SubnetCarver.after(fresh.orElse(block)));
            if (fresh.isPresent()) {
                return fresh;
            }
            open = NodeBlockTable.open(c, pool, node);
        }
        return Optional.empty();
    }

    private static void claim(Connection c, PoolDefinition pool, int nodeLength, String node) throws SQLException {
        for (IpPrefix parent : pool.prefixes()) {
            Optional<IpPrefix> block = SubnetCarver.fromCursor(c, pool, parent, nodeLength,
                    b -> blockObstacle(c, pool, b));
            if (block.isPresent()) {
                NodeBlockTable.insert(c, pool, block.get(), node);
                return;
            }
        }
        throw new IpamException(IpamException.Reason.EXHAUSTED, "schema pool '" + pool.name() + "' of address space '"
                + pool.addressSpace() + "' has no free /" + pool.subnetLength() + " subnet left in the blocks of node '"
                + node + "' and no free /" + nodeLength + " block left in " + pool.prefixes());
    }

    /**
     * Returns the last address of whatever is in a candidate block's way: another block, or a reserved prefix or
     * granted pool that covers it whole (one that covers only part of it is carved around).
     */
    private static Optional<InetAddress> blockObstacle(Connection c, PoolDefinition pool, IpPrefix block)
            throws SQLException {
        for (IpPrefix reserved : pool.reserved()) {
            if (reserved.contains(block)) {
                return Optional.of(reserved.last());
            }
        }
        Optional<IpPrefix> claimed = NodeBlockTable.overlapping(c, pool.addressSpace(), block);
        if (claimed.isPresent()) {
            return Optional.of(claimed.get().last());
        }
        return PoolTable.overlapping(c, pool.addressSpace(), block).filter(p -> p.subnet().contains(block))
                .map(p -> p.subnet().last());
    }
}
