package dev.berth.certs.api;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A named certificate and its key, kept by the certificate manager and renewed before it expires.
 *
 * @param spec what the set holds, as created (the key algorithm resolved)
 * @param serial the serial number of the current certificate
 * @param notBefore when the current certificate became valid
 * @param notAfter when it expires
 * @param renewAfter when the certificate manager renews it
 * @param status whether the current certificate is active, revoked or expired
 */
public record CertificateSet(CertificateSetSpec spec, BigInteger serial, Instant notBefore, Instant notAfter,
        Instant renewAfter, CertificateStatus status) {

    /**
     * Returns the set's name.
     *
     * @return the name
     */
    public String name() {
        return spec.name();
    }

    /**
     * Returns the serial number in the hexadecimal form commands and the WebDAV tree show.
     *
     * @return lower-case hexadecimal
     */
    public String serialHex() {
        return serial.toString(16);
    }
}
