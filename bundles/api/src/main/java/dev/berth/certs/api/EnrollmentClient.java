package dev.berth.certs.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The client side of the sealed-CSR enrollment protocol (docs/enrollment-protocol.md): generates a key pair
 * and a CSR, seals the CSR with ChaCha20-Poly1305 under a key derived from the pre-shared key, posts it, and
 * opens the sealed answer. The private key never leaves the client.
 */
@ProviderType
public interface EnrollmentClient {

    /**
     * Enrolls once.
     *
     * @param request where, as whom, and for which names
     * @return the new key, the signed certificate, the issuing CA and the root, checked against each other
     * @throws CertificateManagerException {@code REFUSED} when the server does not accept the pre-shared key
     *     or its answer is not authentic, {@code POLICY} when it refuses the names (with its reason),
     *     {@code UNAVAILABLE} when it cannot be reached
     */
    CertificateMaterial enroll(EnrollmentRequest request);
}
