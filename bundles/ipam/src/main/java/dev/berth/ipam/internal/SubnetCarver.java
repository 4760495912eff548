package dev.berth.ipam.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.PoolDefinition;

/**
 * Carves the next free subnet from a schema pool. Each parent prefix has a cursor; the candidate at the
 * cursor is checked against the schema's reserved prefixes and the granted pools (one index seek) and,
 * when something is in the way, the cursor jumps past it. When every cursor is at its end, subnets given
 * back earlier are carved again. No step walks the pool. The same cursors carve the blocks of per-node pools
 * ({@link NodeCarver}), keyed by the block length.
 */
final class SubnetCarver {

    private SubnetCarver() {
    }

    static IpPrefix carve(Connection c, PoolDefinition pool) throws SQLException {
        for (IpPrefix parent : pool.prefixes()) {
            Optional<IpPrefix> fresh = fromCursor(c, pool, parent, pool.subnetLength(), s -> obstacle(c, pool, s));
            if (fresh.isPresent()) {
                return fresh.get();
            }
        }
        Optional<IpPrefix> reused = fromFreeList(c, pool, null);
        if (reused.isPresent()) {
            return reused.get();
        }
        throw new IpamException(IpamException.Reason.EXHAUSTED, "schema pool '" + pool.name() + "' of address space '"
                + pool.addressSpace() + "' has no free /" + pool.subnetLength() + " subnet left in "
                + pool.prefixes());
    }

    /** Something that may be in a candidate's way: the last address it blocks, so that the search jumps past it. */
    @FunctionalInterface
    interface Obstacles {
        Optional<InetAddress> lastBlocked(IpPrefix candidate) throws SQLException;
    }

    /**
     * Carves the next free {@code /length} prefix of a parent at the pool's cursor for that parent and length,
     * and moves the cursor past it (or to the parent's end).
     */
    static Optional<IpPrefix> fromCursor(Connection c, PoolDefinition pool, IpPrefix parent, int length,
            Obstacles obstacles) throws SQLException {
        BigInteger start = readCursor(c, pool, parent, length).orElse(IpPrefix.toNumber(parent.network()));
        Optional<IpPrefix> fresh = firstFree(parent, length, start, obstacles);
        writeCursor(c, pool, parent, length, after(fresh.orElse(parent)));
        return fresh;
    }

    /** Finds the first aligned {@code /length} prefix of a parent, from {@code start} on, that nothing is in the way of. */
    static Optional<IpPrefix> firstFree(IpPrefix parent, int length, BigInteger start, Obstacles obstacles)
            throws SQLException {
        BigInteger size = BigInteger.ONE.shiftLeft(parent.bits() - length);
        BigInteger end = IpPrefix.toNumber(parent.last());
        BigInteger candidate = start;
        while (candidate.add(size).subtract(BigInteger.ONE).compareTo(end) <= 0) {
            IpPrefix prefix = new IpPrefix(IpPrefix.fromNumber(candidate, parent.bits()), length);
            Optional<InetAddress> blockedUntil = obstacles.lastBlocked(prefix);
            if (blockedUntil.isEmpty()) {
                return Optional.of(prefix);
            }
            candidate = alignUp(IpPrefix.toNumber(blockedUntil.get()).add(BigInteger.ONE), size);
        }
        return Optional.empty();
    }

    /** The number of the first address after a prefix. */
    static BigInteger after(IpPrefix prefix) {
        return IpPrefix.toNumber(prefix.last()).add(BigInteger.ONE);
    }

    /**
     * Carves a subnet given back earlier again: any of the pool's or, with a node, one inside that node's blocks.
     *
     * @param node the node whose blocks the subnet must lie in, or {@code null} for a pool carved per network
     */
    static Optional<IpPrefix> fromFreeList(Connection c, PoolDefinition pool, String node) throws SQLException {
        String oldest = node == null
                ? "SELECT first_addr FROM ipam_subnet_free WHERE address_space = ? AND schema_pool = ? AND prefix_len = ? "
                        + "ORDER BY first_addr LIMIT 1"
                : "SELECT f.first_addr FROM ipam_subnet_free f JOIN ipam_node_block b ON b.address_space = "
                        + "f.address_space AND b.schema_pool = f.schema_pool AND f.first_addr BETWEEN b.first_addr AND "
                        + "b.last_addr WHERE f.address_space = ? AND f.schema_pool = ? AND f.prefix_len = ? AND b.node = ? "
                        + "ORDER BY f.first_addr LIMIT 1";
        while (true) {
            byte[] first;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM ipam_subnet_free WHERE address_space = ? AND "
                    + "schema_pool = ? AND first_addr = (" + oldest + ") RETURNING first_addr")) {
                p.setString(1, pool.addressSpace());
                p.setString(2, pool.name());
                p.setString(3, pool.addressSpace());
                p.setString(4, pool.name());
                p.setInt(5, pool.subnetLength());
                if (node != null) {
                    p.setString(6, node);
                }
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    first = r.getBytes(1);
                }
            }
            IpPrefix subnet = new IpPrefix(PoolTable.address(first), pool.subnetLength());
            // the schema or the grants may have changed since it was given back
            if (pool.prefixes().stream().anyMatch(p -> p.contains(subnet)) && obstacle(c, pool, subnet).isEmpty()) {
                return Optional.of(subnet);
            }
        }
    }

    /** Gives a carved subnet back for reuse. */
    static void giveBack(Connection c, String space, String schemaPool, IpPrefix subnet) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ipam_subnet_free (address_space, schema_pool, "
                + "first_addr, prefix_len) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, space);
            p.setString(2, schemaPool);
            p.setBytes(3, subnet.network().getAddress());
            p.setInt(4, subnet.length());
            p.executeUpdate();
        }
    }

    /** Returns the last address of whatever is in the subnet's way: a reserved prefix or a granted pool. */
    static Optional<InetAddress> obstacle(Connection c, PoolDefinition pool, IpPrefix subnet)
            throws SQLException {
        for (IpPrefix reserved : pool.reserved()) {
            if (reserved.overlaps(subnet)) {
                return Optional.of(reserved.last());
            }
        }
        return PoolTable.overlapping(c, pool.addressSpace(), subnet).map(p -> p.subnet().last());
    }

    private static BigInteger alignUp(BigInteger value, BigInteger size) {
        BigInteger[] qr = value.divideAndRemainder(size);
        return qr[1].signum() == 0 ? value : qr[0].add(BigInteger.ONE).multiply(size);
    }

    private static Optional<BigInteger> readCursor(Connection c, PoolDefinition pool, IpPrefix parent, int length)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT next_first FROM ipam_carve_cursor WHERE "
                + "address_space = ? AND schema_pool = ? AND parent = ? AND subnet_len = ?")) {
            p.setString(1, pool.addressSpace());
            p.setString(2, pool.name());
            p.setString(3, parent.toString());
            p.setInt(4, length);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new BigInteger(1, r.getBytes(1))) : Optional.empty();
            }
        }
    }

    private static void writeCursor(Connection c, PoolDefinition pool, IpPrefix parent, int length, BigInteger next)
            throws SQLException {
        // one byte wider than an address, so that "past the end" of the highest prefix is representable
        byte[] value = new byte[parent.bits() / 8 + 1];
        byte[] raw = next.toByteArray();
        int n = Math.min(raw.length, value.length);
        System.arraycopy(raw, raw.length - n, value, value.length - n, n);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ipam_carve_cursor (address_space, schema_pool, "
                + "parent, subnet_len, next_first) VALUES (?, ?, ?, ?, ?) ON CONFLICT (address_space, schema_pool, "
                + "parent, subnet_len) DO UPDATE SET next_first = excluded.next_first")) {
            p.setString(1, pool.addressSpace());
            p.setString(2, pool.name());
            p.setString(3, parent.toString());
            p.setInt(4, length);
            p.setBytes(5, value);
            p.executeUpdate();
        }
    }
}
