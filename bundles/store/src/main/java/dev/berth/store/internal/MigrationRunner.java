package dev.berth.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.store.api.Migration;
import dev.berth.store.api.StoreException;

/**
 * Applies each component's versioned migrations once, recording them in {@code berth_schema_migration}.
 * Two processes migrating at once both try; the one that loses sees the version recorded and moves on.
 */
final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    /** unique_violation, duplicate_table, duplicate_object: a concurrent migration got there first. */
    private static final Set<String> RACE_LOST = Set.of("23505", "42P07", "42710");

    private final TransactionRunner transactions;

    MigrationRunner(TransactionRunner transactions) {
        this.transactions = transactions;
    }

    void createHistoryTable() {
        String ddl = "CREATE TABLE IF NOT EXISTS berth_schema_migration ("
                + "component TEXT NOT NULL, version INT NOT NULL, description TEXT NOT NULL, "
                + "checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), "
                + "PRIMARY KEY (component, version))";
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.run(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(ddl);
                    }
                    return null;
                });
                return;
            } catch (StoreException e) {
                if (!lostRace(e) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    int migrate(String component, List<Migration> migrations) {
        List<Migration> ordered = new ArrayList<>(migrations);
        ordered.sort((a, b) -> Integer.compare(a.version(), b.version()));
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).version() != i + 1) {
                throw new StoreException("migrations of " + component + " must be numbered 1.." + ordered.size()
                        + " without gaps; found version " + ordered.get(i).version() + " at position " + (i + 1));
            }
        }
        int applied = 0;
        for (Migration m : ordered) {
            String checksum = checksum(m.sql());
            try {
                if (applyOne(component, m, checksum)) {
                    applied++;
                }
            } catch (StoreException e) {
                if (!lostRace(e) || recorded(component, m.version()).isEmpty()) {
                    throw new StoreException("migration " + component + " V" + m.version() + " (" + m.description()
                            + ") failed: " + e.getMessage(), e);
                }
            }
        }
        return applied;
    }

    private boolean applyOne(String component, Migration m, String checksum) {
        return transactions.run(c -> {
            Optional<String> existing = recorded(c, component, m.version());
            if (existing.isPresent()) {
                if (!existing.get().equals(checksum)) {
                    throw new StoreException("migration " + component + " V" + m.version()
                            + " was changed after it was applied; add a new migration instead");
                }
                return false;
            }
            try (Statement s = c.createStatement()) {
                for (String statement : statements(m.sql())) {
                    s.execute(statement);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO berth_schema_migration "
                    + "(component, version, description, checksum) VALUES (?, ?, ?, ?)")) {
                p.setString(1, component);
                p.setInt(2, m.version());
                p.setString(3, m.description());
                p.setString(4, checksum);
                p.executeUpdate();
            }
            LOG.info("Applied migration {} V{}: {}", component, m.version(), m.description());
            return true;
        });
    }

    private Optional<String> recorded(String component, int version) {
        return transactions.run(c -> recorded(c, component, version));
    }

    private static Optional<String> recorded(Connection c, String component, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT checksum FROM berth_schema_migration WHERE component = ? AND version = ?")) {
            p.setString(1, component);
            p.setInt(2, version);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Splits a script at semicolons that end a line, dropping comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().trim();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static boolean lostRace(StoreException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && RACE_LOST.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String checksum(String sql) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
