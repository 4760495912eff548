package dev.berth.certs.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The server side's register of clients allowed to enroll, each with its own pre-shared key. */
@ProviderType
public interface EnrollmentRegistry {

    /**
     * Registers a client and generates its pre-shared key, which is stored encrypted and shown only now.
     *
     * @param spec the client and its policy
     * @return the pre-shared key, 32 random bytes in base64
     * @throws CertificateManagerException {@code CONFLICT} when the client exists, {@code INVALID} when a
     *     pattern or range is malformed
     */
    String register(EnrollmentClientSpec spec);

    /**
     * Lists the registered clients.
     *
     * @return the clients, ordered by identity
     */
    List<EnrollmentClientInfo> clients();

    /**
     * Removes a client: its key no longer enrolls. Certificates it obtained stay valid until revoked.
     *
     * @param clientId the identity
     * @throws CertificateManagerException {@code NOT_FOUND} when there is no such client
     */
    void remove(String clientId);
}
