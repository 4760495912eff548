package dev.berth.certs.api;

/** Where a certificate or certificate set stands. */
public enum CertificateStatus {

    /** Valid, and renewed before it expires when it belongs to a set. */
    ACTIVE,
    /** Revoked: listed in the CRL and refused by Berth's mutual-TLS listeners. */
    REVOKED,
    /** Past its expiry. */
    EXPIRED
}
