package dev.berth.volumes.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The SQL of {@code vol_volume} and {@code vol_mount}. */
final class VolumeTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "name, ca, set_name, owns_set, options, ttl_seconds, serial, not_after, "
            + "subject_names, created_at";

    private VolumeTable() {
    }

    static void insert(Connection c, String host, VolumeRow v) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO vol_volume (host, name, ca, set_name, owns_set, "
                + "options, ttl_seconds, serial, not_after, subject_names) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, host);
            p.setString(2, v.name());
            p.setString(3, v.ca());
            p.setString(4, v.setName());
            p.setBoolean(5, v.ownsSet());
            p.setString(6, json(v.options()));
            p.setLong(7, v.ttl().toSeconds());
            p.setString(8, v.serial());
            p.setTimestamp(9, v.notAfter() == null ? null : Timestamp.from(v.notAfter()));
            p.setString(10, String.join(",", v.subjectNames()));
            p.executeUpdate();
        }
    }

    static Optional<VolumeRow> find(Connection c, String host, String name) throws SQLException {
        List<VolumeRow> rows = select(c, "host = ? AND name = ?", host, name);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static List<VolumeRow> all(Connection c, String host) throws SQLException {
        return select(c, "host = ?", host);
    }

    private static List<VolumeRow> select(Connection c, String where, String... args) throws SQLException {
        Map<String, List<String>> mounts = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT name, caller_id FROM vol_mount WHERE " + where
                + " ORDER BY mounted_at, caller_id")) {
            bind(p, args);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    mounts.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
        }
        List<VolumeRow> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM vol_volume WHERE " + where
                + " ORDER BY name")) {
            bind(p, args);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Timestamp notAfter = r.getTimestamp(8);
                    String names = r.getString(9);
                    out.add(new VolumeRow(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4),
                            options(r.getString(5)), Duration.ofSeconds(r.getLong(6)), r.getString(7),
                            notAfter == null ? null : notAfter.toInstant(),
                            names.isEmpty() ? List.of() : Arrays.asList(names.split(",")), r.getTimestamp(10).toInstant(),
                            mounts.getOrDefault(r.getString(1), List.of())));
                }
            }
        }
        return out;
    }

    static boolean delete(Connection c, String host, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM vol_volume WHERE host = ? AND name = ?")) {
            p.setString(1, host);
            p.setString(2, name);
            return p.executeUpdate() > 0;
        }
    }

    /** The volumes of every host that use a set of a certificate manager, with whether each owns it. */
    static Map<String, Boolean> usersOfSet(Connection c, String ca, String setName) throws SQLException {
        Map<String, Boolean> out = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT host, name, owns_set FROM vol_volume WHERE ca = ? AND set_name = ?")) {
            p.setString(1, ca);
            p.setString(2, setName);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1) + "/" + r.getString(2), r.getBoolean(3));
                }
            }
        }
        return out;
    }

    /** Hands ownership of a set to another volume using it (host/name as {@link #usersOfSet} returns it). */
    static void takeOwnership(Connection c, String hostAndName) throws SQLException {
        int slash = hostAndName.indexOf('/');
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE vol_volume SET owns_set = TRUE WHERE host = ? AND name = ?")) {
            p.setString(1, hostAndName.substring(0, slash));
            p.setString(2, hostAndName.substring(slash + 1));
            p.executeUpdate();
        }
    }

    static void certificate(Connection c, String host, String name, String serial, Instant notAfter,
            List<String> subjectNames) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE vol_volume SET serial = ?, not_after = ?, "
                + "subject_names = ? WHERE host = ? AND name = ?")) {
            p.setString(1, serial);
            p.setTimestamp(2, notAfter == null ? null : Timestamp.from(notAfter));
            p.setString(3, String.join(",", subjectNames));
            p.setString(4, host);
            p.setString(5, name);
            p.executeUpdate();
        }
    }

    /**
     * Keeps the leaf certificate an {@code issuer=acme} volume got last, so that its removal after a restart can
     * revoke it; the certificate only, never its key.
     */
    static void keepLeafCertificate(Connection c, String host, String name, String certificatePem)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE vol_volume SET certificate = ? WHERE host = ? AND name = ?")) {
            p.setString(1, certificatePem);
            p.setString(2, host);
            p.setString(3, name);
            p.executeUpdate();
        }
    }

    /** The leaf certificate kept for a volume (PEM), empty when none was kept. */
    static String leafCertificate(Connection c, String host, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT certificate FROM vol_volume WHERE host = ? AND name = ?")) {
            p.setString(1, host);
            p.setString(2, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : "";
            }
        }
    }

    /** Records a caller's mount; returns how many callers hold the volume now. */
    static int addMount(Connection c, String host, String name, String callerId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO vol_mount (host, name, caller_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (host, name, caller_id) DO NOTHING")) {
            p.setString(1, host);
            p.setString(2, name);
            p.setString(3, callerId);
            p.executeUpdate();
        }
        return mounts(c, host, name);
    }

    /** Forgets a caller's mount (all of them when {@code callerId} is null); returns how many callers remain. */
    static int removeMount(Connection c, String host, String name, String callerId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM vol_mount WHERE host = ? AND name = ?"
                + (callerId == null ? "" : " AND caller_id = ?"))) {
            p.setString(1, host);
            p.setString(2, name);
            if (callerId != null) {
                p.setString(3, callerId);
            }
            p.executeUpdate();
        }
        return mounts(c, host, name);
    }

    static int mounts(Connection c, String host, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM vol_mount WHERE host = ? AND name = ?")) {
            p.setString(1, host);
            p.setString(2, name);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void bind(PreparedStatement p, String... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            p.setString(i + 1, args[i]);
        }
    }

    private static String json(Map<String, String> options) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(options));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> options(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("unreadable volume options " + json, e);
        }
    }
}
