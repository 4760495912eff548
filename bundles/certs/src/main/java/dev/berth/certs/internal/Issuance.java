package dev.berth.certs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateRecord;
import dev.berth.certs.api.CertificateStatus;
import dev.berth.certs.api.RevocationReason;
import dev.berth.certs.vault.Vault;

/**
 * Signs certificates, records each in the ledger (and hands the record to the database mirror), revokes, and
 * keeps the CRL current: re-signed at each revocation and when half its validity has passed.
 */
final class Issuance {

    private static final Logger LOG = LoggerFactory.getLogger(Issuance.class);
    private static final String CRL = "ca/crl";

    private final Vault vault;
    private final IssuingCa ca;
    private final Ledger ledger;
    private final Duration crlValidity;
    private final Consumer<CertificateRecord> mirror;
    private volatile X509CRL crl;
    private volatile long crlNumber;

    Issuance(Vault vault, IssuingCa ca, Ledger ledger, Duration crlValidity, Consumer<CertificateRecord> mirror)
            throws IOException {
        this.vault = vault;
        this.ca = ca;
        this.ledger = ledger;
        this.crlValidity = crlValidity;
        this.mirror = mirror;
        var stored = vault.read(CRL);
        if (stored.isPresent()) {
            Properties p = Blobs.decode(stored.get());
            crlNumber = Long.parseLong(Blobs.required(p, "number"));
        }
        publishCrl(Instant.now());
    }

    IssuingCa ca() {
        return ca;
    }

    Ledger ledger() {
        return ledger;
    }

    /** Signs a certificate for {@code key} and records it under {@code owner} (a set name or {@code enroll:id}). */
    X509Certificate issue(String owner, CertificateIssuer.Leaf leaf, PublicKey key) throws IOException {
        BigInteger serial = CertificateIssuer.newSerial();
        X509Certificate certificate = ca.issue(leaf, key, serial);
        CertificateRecord record = new CertificateRecord(serial, owner,
                certificate.getSubjectX500Principal().getName(), leaf.dnsNames(),
                leaf.ipAddresses().stream().map(InetAddress::getHostAddress).toList(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), CertificateStatus.ACTIVE,
                null, null);
        ledger.add(record);
        mirror.accept(record);
        LOG.info("Issued certificate {} for {} ({}), valid until {}", serial.toString(16), owner,
                certificate.getSubjectX500Principal().getName(), record.notAfter());
        return certificate;
    }

    CertificateRecord revoke(BigInteger serial, RevocationReason reason) throws IOException {
        CertificateRecord record = ledger.find(serial).orElseThrow(() -> new CertificateManagerException(
                Reason.NOT_FOUND, "the CA issued no certificate with serial " + serial.toString(16)));
        CertificateRecord revoked = ledger.revoke(record, reason, Instant.now());
        if (revoked != record) {
            publishCrl(Instant.now());
            mirror.accept(revoked);
            LOG.info("Revoked certificate {} of {} ({})", serial.toString(16), record.setName(), reason);
        }
        return revoked;
    }

    boolean isRevoked(BigInteger serial) {
        return ledger.isRevoked(serial);
    }

    X509CRL crl() {
        return crl;
    }

    long crlNumber() {
        return crlNumber;
    }

    byte[] crlDer() {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }

    /** Re-signs the CRL when less than half of its validity is left. */
    void refreshCrlIfDue(Instant now) throws IOException {
        Instant next = crl.getNextUpdate().toInstant();
        if (now.isAfter(next.minus(crlValidity.dividedBy(2)))) {
            publishCrl(now);
        }
    }

    synchronized void publishCrl(Instant now) throws IOException {
        List<CertificateIssuer.Revoked> revoked = ledger.revokedUnexpired(now);
        long number = crlNumber + 1;
        X509CRL next = ca.crl(revoked, number, now.minus(CertificateIssuer.BACKDATE), now.plus(crlValidity));
        Properties p = new Properties();
        p.setProperty("number", Long.toString(number));
        try {
            p.setProperty("crl", Blobs.base64(next.getEncoded()));
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
        vault.write(CRL, Blobs.encode(p));
        crlNumber = number;
        crl = next;
        LOG.debug("Published CRL {} with {} revoked certificates, next update {}", number, revoked.size(),
                next.getNextUpdate().toInstant());
    }

    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException("cannot " + what + " in the certificate store: " + e.getMessage(), e);
    }
}
