package dev.berth.certs.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateStatus;

/** A certificate set as the vault keeps it: its specification, key, certificate and status. */
record StoredSet(CertificateSetSpec spec, PrivateKey key, X509Certificate certificate, CertificateStatus status) {

    @Override
    public String toString() {
        return "StoredSet[" + spec.name() + ", serial " + certificate.getSerialNumber().toString(16) + "]";
    }

    Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** When the set is due for renewal: {@code fraction} of the lifetime after its start. */
    Instant renewAfter(double fraction) {
        Duration lifetime = Duration.between(notBefore(), notAfter());
        return notBefore().plusMillis((long) (lifetime.toMillis() * fraction));
    }

    CertificateSet view(double renewFraction) {
        CertificateStatus current = status == CertificateStatus.ACTIVE && notAfter().isBefore(Instant.now())
                ? CertificateStatus.EXPIRED : status;
        return new CertificateSet(spec, certificate.getSerialNumber(), notBefore(), notAfter(),
                renewAfter(renewFraction), current);
    }
}
