package dev.berth.certs.api;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * One certificate the CA issued: what the ledger and the database keep, never a private key.
 *
 * @param serial the serial number
 * @param setName the certificate set it belongs to, or the enrolled client's identity prefixed with
 *     {@code enroll:}
 * @param subject the subject distinguished name
 * @param dnsNames the DNS subject alternative names
 * @param ipAddresses the IP address subject alternative names, as text
 * @param notBefore the start of validity
 * @param notAfter the expiry
 * @param status active, revoked or expired (at the time of the call)
 * @param revokedAt when it was revoked, or {@code null}
 * @param revocationReason why, or {@code null}
 */
public record CertificateRecord(BigInteger serial, String setName, String subject, List<String> dnsNames,
        List<String> ipAddresses, Instant notBefore, Instant notAfter, CertificateStatus status, Instant revokedAt,
        RevocationReason revocationReason) {

    /**
     * Copies the lists.
     *
     * @param serial the serial number
     * @param setName the set or enrolled client
     * @param subject the subject
     * @param dnsNames the DNS names
     * @param ipAddresses the IP addresses
     * @param notBefore the start of validity
     * @param notAfter the expiry
     * @param status the status
     * @param revokedAt when revoked, or {@code null}
     * @param revocationReason why, or {@code null}
     */
    public CertificateRecord {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /**
     * Returns the serial number in hexadecimal.
     *
     * @return lower-case hexadecimal
     */
    public String serialHex() {
        return serial.toString(16);
    }
}
