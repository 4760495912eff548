package dev.berth.ipam.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.berth.ipam.api.GatewayPolicy;
import dev.berth.ipam.api.IpPrefix;

/** The SQL of {@code ipam_pool}. Granted pools never overlap within an address space. */
final class PoolTable {

    private static final String COLUMNS = "pool_id, address_space, schema_pool, first_addr, prefix_len, range_first, "
            + "range_last, next_addr, carved, request_key, refs, allocated, gateway, created_at";

    private PoolTable() {
    }

    static Optional<PoolRow> find(Connection c, String poolId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM ipam_pool WHERE pool_id = ?")) {
            p.setString(1, poolId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /**
     * Finds the granted pool that overlaps a subnet, if any. Pools do not overlap each other, so only the one
     * starting last at or before the subnet's end can: an index seek, not a scan.
     */
    static Optional<PoolRow> overlapping(Connection c, String space, IpPrefix subnet) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM ipam_pool WHERE address_space = ? "
                + "AND family = ? AND first_addr <= ? ORDER BY first_addr DESC LIMIT 1")) {
            p.setString(1, space);
            p.setInt(2, subnet.isIpv6() ? 6 : 4);
            p.setBytes(3, subnet.last().getAddress());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                PoolRow row = row(r);
                return row.subnet().overlaps(subnet) ? Optional.of(row) : Optional.empty();
            }
        }
    }

    static List<PoolRow> all(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM ipam_pool ORDER BY address_space, family, first_addr")) {
            List<PoolRow> rows = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    static void insert(Connection c, PoolRow row) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ipam_pool (pool_id, address_space, schema_pool, "
                + "family, subnet, first_addr, last_addr, prefix_len, range_first, range_last, next_addr, carved, "
                + "request_key, refs, allocated, gateway) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, row.poolId());
            p.setString(2, row.space());
            p.setString(3, row.schemaPool());
            p.setInt(4, row.subnet().isIpv6() ? 6 : 4);
            p.setString(5, row.subnet().toString());
            p.setBytes(6, row.subnet().network().getAddress());
            p.setBytes(7, row.subnet().last().getAddress());
            p.setInt(8, row.subnet().length());
            p.setBytes(9, row.rangeFirst().getAddress());
            p.setBytes(10, row.rangeLast().getAddress());
            p.setBytes(11, row.next().getAddress());
            p.setBoolean(12, row.carved());
            p.setString(13, row.requestKey());
            p.setInt(14, row.refs());
            p.setLong(15, row.allocated());
            p.setString(16, row.gateway().name());
            p.executeUpdate();
        }
    }

    static void setRefs(Connection c, String poolId, int refs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE ipam_pool SET refs = ? WHERE pool_id = ?")) {
            p.setInt(1, refs);
            p.setString(2, poolId);
            p.executeUpdate();
        }
    }

    /** Records an allocation or release: the allocated count, and where next-free continues. */
    static void update(Connection c, String poolId, InetAddress next, long allocatedDelta) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE ipam_pool SET next_addr = ?, allocated = allocated + ? WHERE pool_id = ?")) {
            p.setBytes(1, next.getAddress());
            p.setLong(2, allocatedDelta);
            p.setString(3, poolId);
            p.executeUpdate();
        }
    }

    static void delete(Connection c, String poolId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM ipam_pool WHERE pool_id = ?")) {
            p.setString(1, poolId);
            p.executeUpdate();
        }
    }

    private static PoolRow row(ResultSet r) throws SQLException {
        InetAddress first = address(r.getBytes("first_addr"));
        return new PoolRow(r.getString("pool_id"), r.getString("address_space"), r.getString("schema_pool"),
                new IpPrefix(first, r.getInt("prefix_len")), address(r.getBytes("range_first")),
                address(r.getBytes("range_last")), address(r.getBytes("next_addr")), r.getBoolean("carved"),
                r.getString("request_key"), r.getInt("refs"), r.getLong("allocated"),
                GatewayPolicy.valueOf(r.getString("gateway")), r.getTimestamp("created_at").toInstant());
    }

    static InetAddress address(byte[] bytes) throws SQLException {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new SQLException("stored address has " + bytes.length + " bytes", e);
        }
    }
}
