package dev.berth.ipam.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.ipam.api.AddressKind;
import dev.berth.ipam.api.AllocatedAddress;
import dev.berth.ipam.api.IpPrefix;

/**
 * The SQL of {@code ipam_address} and {@code ipam_address_free}. Next-free allocation continues from the
 * pool's cursor and looks at the allocated addresses ahead of it a page at a time, so its cost does not
 * grow with how full the pool is.
 */
final class AddressTable {

    private static final int PAGE = 64;
    /** serialization_failure: makes the store run the transaction again. */
    private static final String RETRY = "40001";

    private AddressTable() {
    }

    /** Inserts an allocation; returns false when the address is already allocated. */
    static boolean insert(Connection c, String poolId, InetAddress address, AddressKind kind, String note)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ipam_address (pool_id, addr, kind, note) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, poolId);
            p.setBytes(2, address.getAddress());
            p.setString(3, kind.name());
            p.setString(4, note);
            return p.executeUpdate() == 1;
        }
    }

    static Optional<AllocatedAddress> find(Connection c, PoolRow pool, InetAddress address) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT addr, kind, note, allocated_at FROM ipam_address WHERE pool_id = ? AND addr = ?")) {
            p.setString(1, pool.poolId());
            p.setBytes(2, address.getAddress());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(allocation(pool, r)) : Optional.empty();
            }
        }
    }

    static boolean delete(Connection c, String poolId, InetAddress address) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM ipam_address WHERE pool_id = ? AND addr = ?")) {
            p.setString(1, poolId);
            p.setBytes(2, address.getAddress());
            return p.executeUpdate() == 1;
        }
    }

    static List<AllocatedAddress> list(Connection c, PoolRow pool) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT addr, kind, note, allocated_at FROM ipam_address WHERE pool_id = ? ORDER BY addr")) {
            p.setString(1, pool.poolId());
            List<AllocatedAddress> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(allocation(pool, r));
                }
            }
            return out;
        }
    }

    /**
     * Finds the first unallocated address at or after the cursor, within the range.
     *
     * @return the address, or empty when the range beyond the cursor is fully allocated
     */
    static Optional<InetAddress> nextAfterCursor(Connection c, PoolRow pool) throws SQLException {
        int bits = pool.subnet().bits();
        BigInteger candidate = IpPrefix.toNumber(pool.next());
        BigInteger last = IpPrefix.toNumber(pool.rangeLast());
        while (candidate.compareTo(last) <= 0) {
            List<BigInteger> taken = new ArrayList<>(PAGE);
            try (PreparedStatement p = c.prepareStatement("SELECT addr FROM ipam_address WHERE pool_id = ? AND "
                    + "addr >= ? AND addr <= ? ORDER BY addr LIMIT " + PAGE)) {
                p.setString(1, pool.poolId());
                p.setBytes(2, IpPrefix.fromNumber(candidate, bits).getAddress());
                p.setBytes(3, pool.rangeLast().getAddress());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        taken.add(new BigInteger(1, r.getBytes(1)));
                    }
                }
            }
            for (BigInteger t : taken) {
                if (t.compareTo(candidate) > 0) {
                    break;
                }
                candidate = t.add(BigInteger.ONE);
            }
            if (taken.size() < PAGE || taken.get(taken.size() - 1).compareTo(candidate) >= 0) {
                return candidate.compareTo(last) <= 0 ? Optional.of(IpPrefix.fromNumber(candidate, bits))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Takes the lowest released address of the pool, if any. */
    static Optional<InetAddress> takeFree(Connection c, String poolId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM ipam_address_free WHERE pool_id = ? AND addr = "
                + "(SELECT addr FROM ipam_address_free WHERE pool_id = ? ORDER BY addr LIMIT 1) RETURNING addr")) {
            p.setString(1, poolId);
            p.setString(2, poolId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(PoolTable.address(r.getBytes(1))) : Optional.empty();
            }
        }
    }

    static void addFree(Connection c, String poolId, InetAddress address) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO ipam_address_free (pool_id, addr) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, poolId);
            p.setBytes(2, address.getAddress());
            p.executeUpdate();
        }
    }

    static void removeFree(Connection c, String poolId, InetAddress address) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM ipam_address_free WHERE pool_id = ? AND addr = ?")) {
            p.setString(1, poolId);
            p.setBytes(2, address.getAddress());
            p.executeUpdate();
        }
    }

    /** Asks the store to run the transaction again: a concurrent one took the address this one chose. */
    static SQLException lostRace(InetAddress address) {
        return new SQLException("address " + IpPrefix.format(address) + " was taken concurrently", RETRY);
    }

    private static AllocatedAddress allocation(PoolRow pool, ResultSet r) throws SQLException {
        return new AllocatedAddress(pool.poolId(), PoolTable.address(r.getBytes("addr")), pool.subnet().length(),
                AddressKind.valueOf(r.getString("kind")), r.getString("note"),
                r.getTimestamp("allocated_at").toInstant());
    }
}
