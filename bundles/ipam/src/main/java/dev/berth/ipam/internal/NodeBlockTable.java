package dev.berth.ipam.internal;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.NodeBlock;
import dev.berth.ipam.api.PoolDefinition;

/** The SQL of {@code ipam_node_block}. Blocks never overlap within an address space. */
final class NodeBlockTable {

    /** A node's block that carving has not reached the end of, and where it continues. */
    record OpenBlock(IpPrefix block, BigInteger next) {
    }

    private NodeBlockTable() {
    }

    /** Finds the node's lowest block of the pool that carving has not reached the end of. */
    static Optional<OpenBlock> open(Connection c, PoolDefinition pool, String node) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT first_addr, prefix_len, next_subnet FROM ipam_node_block "
                + "WHERE address_space = ? AND schema_pool = ? AND node = ? AND next_subnet IS NOT NULL "
                + "ORDER BY first_addr LIMIT 1")) {
            p.setString(1, pool.addressSpace());
            p.setString(2, pool.name());
            p.setString(3, node);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new OpenBlock(new IpPrefix(PoolTable.address(r.getBytes(1)), r.getInt(2)),
                        new BigInteger(1, r.getBytes(3)))) : Optional.empty();
            }
        }
    }

    /** Records where carving continues in a block; past its end, the block is carved through. */
    static void advance(Connection c, String space, IpPrefix block, BigInteger next) throws SQLException {
        boolean inside = next.compareTo(IpPrefix.toNumber(block.last())) <= 0;
        try (PreparedStatement p = c.prepareStatement("UPDATE ipam_node_block SET next_subnet = ? WHERE "
                + "address_space = ? AND family = ? AND first_addr = ?")) {
            p.setBytes(1, inside ? IpPrefix.fromNumber(next, block.bits()).getAddress() : null);
            p.setString(2, space);
            p.setInt(3, family(block));
            p.setBytes(4, block.network().getAddress());
            p.executeUpdate();
        }
    }

    /** Finds the block that overlaps a prefix, if any: only the one starting last at or before its end can. */
    static Optional<IpPrefix> overlapping(Connection c, String space, IpPrefix prefix) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT first_addr, prefix_len FROM ipam_node_block WHERE "
                + "address_space = ? AND family = ? AND first_addr <= ? ORDER BY first_addr DESC LIMIT 1")) {
            p.setString(1, space);
            p.setInt(2, family(prefix));
            p.setBytes(3, prefix.last().getAddress());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                IpPrefix block = new IpPrefix(PoolTable.address(r.getBytes(1)), r.getInt(2));
                return block.overlaps(prefix) ? Optional.of(block) : Optional.empty();
            }
        }
    }

    static void insert(Connection c, PoolDefinition pool, IpPrefix block, String node) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ipam_node_block (address_space, family, first_addr, "
                + "last_addr, prefix_len, schema_pool, node, next_subnet) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, pool.addressSpace());
            p.setInt(2, family(block));
            p.setBytes(3, block.network().getAddress());
            p.setBytes(4, block.last().getAddress());
            p.setInt(5, block.length());
            p.setString(6, pool.name());
            p.setString(7, node);
            p.setBytes(8, block.network().getAddress());
            p.executeUpdate();
        }
    }

    static List<NodeBlock> all(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT b.address_space, b.schema_pool, b.first_addr, "
                + "b.prefix_len, b.node, b.next_subnet, b.claimed_at, (SELECT count(*) FROM ipam_pool g WHERE "
                + "g.address_space = b.address_space AND g.family = b.family AND g.first_addr BETWEEN b.first_addr "
                + "AND b.last_addr) AS granted FROM ipam_node_block b ORDER BY b.address_space, b.family, b.first_addr")) {
            List<NodeBlock> blocks = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    blocks.add(new NodeBlock(r.getString(1), r.getString(2), new IpPrefix(PoolTable.address(r.getBytes(3)),
                            r.getInt(4)), r.getString(5), r.getLong(8), r.getBytes(6) == null,
                            r.getTimestamp(7).toInstant()));
                }
            }
            return blocks;
        }
    }

    private static int family(IpPrefix prefix) {
        return prefix.isIpv6() ? 6 : 4;
    }
}
