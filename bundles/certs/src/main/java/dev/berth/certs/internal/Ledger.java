package dev.berth.certs.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.berth.certs.api.CertificateRecord;
import dev.berth.certs.api.CertificateStatus;
import dev.berth.certs.api.RevocationReason;
import dev.berth.certs.vault.Vault;

/** Every certificate the CA issued, one sealed file each under {@code ledger/}, cached in memory. */
final class Ledger {

    private static final String DIRECTORY = "ledger";

    private final Vault vault;
    private final ConcurrentMap<BigInteger, CertificateRecord> records = new ConcurrentHashMap<>();

    private Ledger(Vault vault) {
        this.vault = vault;
    }

    static Ledger load(Vault vault) throws IOException {
        Ledger ledger = new Ledger(vault);
        for (String name : vault.list(DIRECTORY)) {
            CertificateRecord r = decode(Blobs.decode(vault.read(DIRECTORY + "/" + name).orElseThrow()));
            ledger.records.put(r.serial(), r);
        }
        return ledger;
    }

    void add(CertificateRecord record) throws IOException {
        vault.write(name(record.serial()), Blobs.encode(encode(record)));
        records.put(record.serial(), record);
    }

    Optional<CertificateRecord> find(BigInteger serial) {
        return Optional.ofNullable(records.get(serial)).map(Ledger::current);
    }

    /** Marks a certificate revoked; returns the record, unchanged when it already was. */
    synchronized CertificateRecord revoke(CertificateRecord record, RevocationReason reason, Instant when)
            throws IOException {
        if (record.status() == CertificateStatus.REVOKED) {
            return record;
        }
        CertificateRecord revoked = new CertificateRecord(record.serial(), record.setName(), record.subject(),
                record.dnsNames(), record.ipAddresses(), record.notBefore(), record.notAfter(),
                CertificateStatus.REVOKED, when, reason);
        add(revoked);
        return revoked;
    }

    boolean isRevoked(BigInteger serial) {
        CertificateRecord r = records.get(serial);
        return r != null && r.status() == CertificateStatus.REVOKED;
    }

    /** Returns the records, oldest first, with expiry applied to the status. */
    List<CertificateRecord> all() {
        return records.values().stream().map(Ledger::current)
                .sorted(Comparator.comparing(CertificateRecord::notBefore).thenComparing(CertificateRecord::serial))
                .toList();
    }

    List<CertificateIssuer.Revoked> revokedUnexpired(Instant now) {
        return records.values().stream()
                .filter(r -> r.status() == CertificateStatus.REVOKED && r.notAfter().isAfter(now))
                .sorted(Comparator.comparing(CertificateRecord::revokedAt))
                .map(r -> new CertificateIssuer.Revoked(r.serial(), r.revokedAt(), r.revocationReason().code()))
                .toList();
    }

    /** Forgets certificates that expired before {@code cutoff}: they are in no CRL any more and matter to no one. */
    int prune(Instant cutoff) throws IOException {
        int pruned = 0;
        for (CertificateRecord r : List.copyOf(records.values())) {
            if (r.notAfter().isBefore(cutoff)) {
                vault.delete(name(r.serial()));
                records.remove(r.serial());
                pruned++;
            }
        }
        return pruned;
    }

    private static CertificateRecord current(CertificateRecord r) {
        if (r.status() == CertificateStatus.ACTIVE && r.notAfter().isBefore(Instant.now())) {
            return new CertificateRecord(r.serial(), r.setName(), r.subject(), r.dnsNames(), r.ipAddresses(),
                    r.notBefore(), r.notAfter(), CertificateStatus.EXPIRED, null, null);
        }
        return r;
    }

    private static String name(BigInteger serial) {
        return DIRECTORY + "/" + serial.toString(16);
    }

    private static Properties encode(CertificateRecord r) {
        Properties p = new Properties();
        p.setProperty("serial", r.serial().toString(16));
        p.setProperty("set", r.setName());
        p.setProperty("subject", r.subject());
        p.setProperty("dns", String.join(",", r.dnsNames()));
        p.setProperty("ip", String.join(",", r.ipAddresses()));
        p.setProperty("notBefore", r.notBefore().toString());
        p.setProperty("notAfter", r.notAfter().toString());
        p.setProperty("status", r.status() == CertificateStatus.REVOKED ? "REVOKED" : "ACTIVE");
        if (r.revokedAt() != null) {
            p.setProperty("revokedAt", r.revokedAt().toString());
            p.setProperty("reason", r.revocationReason().name());
        }
        return p;
    }

    private static CertificateRecord decode(Properties p) {
        String revokedAt = p.getProperty("revokedAt");
        return new CertificateRecord(new BigInteger(Blobs.required(p, "serial"), 16), Blobs.required(p, "set"),
                Blobs.required(p, "subject"), Blobs.list(p, "dns"), Blobs.list(p, "ip"),
                Instant.parse(Blobs.required(p, "notBefore")), Instant.parse(Blobs.required(p, "notAfter")),
                CertificateStatus.valueOf(Blobs.required(p, "status")),
                revokedAt == null ? null : Instant.parse(revokedAt),
                revokedAt == null ? null : RevocationReason.valueOf(Blobs.required(p, "reason")));
    }
}
