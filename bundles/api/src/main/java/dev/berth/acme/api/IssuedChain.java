package dev.berth.acme.api;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain issued by an ACME CA.
 *
 * @param certificates the chain as the CA sent it, leaf first, never empty
 * @param location the certificate's URL at the CA (for revocation or later download)
 */
public record IssuedChain(List<X509Certificate> certificates, URI location) {

    /**
     * Checks and copies the fields.
     *
     * @param certificates the chain, leaf first
     * @param location the certificate URL
     */
    public IssuedChain {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        Objects.requireNonNull(location, "location");
    }

    /**
     * The end-entity certificate.
     *
     * @return the first certificate of the chain
     */
    public X509Certificate leaf() {
        return certificates.get(0);
    }
}
