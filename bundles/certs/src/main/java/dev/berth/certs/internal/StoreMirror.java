package dev.berth.certs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import dev.berth.certs.api.CertificateRecord;
import dev.berth.store.api.Migration;
import dev.berth.store.api.Store;

/**
 * Writes issued-certificate records to the database while it is there. Upserts keyed by serial, so writing a
 * record twice, or again after the database was away, is harmless; the local ledger stays the source of truth.
 */
final class StoreMirror {

    static final List<Migration> MIGRATIONS = List.of(Migration.fromResource(1, "issued certificate records",
            StoreMirror.class, "V1__certificates.sql"));
    private static final String UPSERT = "INSERT INTO certs_certificate (serial, owner, subject, dns_names, "
            + "ip_addresses, not_before, not_after, status, revoked_at, revocation_reason, issuer, node, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (serial) DO UPDATE SET "
            + "status = excluded.status, revoked_at = excluded.revoked_at, "
            + "revocation_reason = excluded.revocation_reason, updated_at = excluded.updated_at";
    private static final int BATCH = 500;

    private final String issuer;
    private final String node;

    StoreMirror(String issuer, String node) {
        this.issuer = issuer;
        this.node = node;
    }

    /** Brings the schema up to date and writes every record. */
    void attach(Store store, Collection<CertificateRecord> records) {
        store.migrate("certs", MIGRATIONS);
        List<CertificateRecord> all = List.copyOf(records);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<CertificateRecord> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
            store.transaction(c -> upsert(c, chunk));
        }
    }

    void write(Store store, CertificateRecord record) {
        store.transaction(c -> upsert(c, List.of(record)));
    }

    private Void upsert(Connection c, List<CertificateRecord> records) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (CertificateRecord r : records) {
                s.setString(1, r.serialHex());
                s.setString(2, r.setName());
                s.setString(3, r.subject());
                s.setString(4, String.join(",", r.dnsNames()));
                s.setString(5, String.join(",", r.ipAddresses()));
                s.setObject(6, time(r.notBefore()));
                s.setObject(7, time(r.notAfter()));
                s.setString(8, r.status().name());
                if (r.revokedAt() == null) {
                    s.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
                    s.setNull(10, Types.VARCHAR);
                } else {
                    s.setObject(9, time(r.revokedAt()));
                    s.setString(10, r.revocationReason().name());
                }
                s.setString(11, issuer);
                s.setString(12, node);
                s.setObject(13, time(now));
                s.addBatch();
            }
            s.executeBatch();
        }
        return null;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
