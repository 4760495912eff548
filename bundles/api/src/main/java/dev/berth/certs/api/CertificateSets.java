package dev.berth.certs.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Named certificate sets: a certificate, its private key (encrypted at rest) and the CA chain, renewed
 * automatically before expiry (at two thirds of the lifetime by default). This is what TLS endpoints,
 * Berth's database connection and the WebDAV tree ({@code /certs/<name>/}) are served from.
 */
@ProviderType
public interface CertificateSets {

    /**
     * Issues a new set.
     *
     * @param spec the names, profile, lifetime and readers
     * @return the set
     * @throws CertificateManagerException {@code CONFLICT} when a set of that name exists, {@code INVALID} or
     *     {@code POLICY} when the names or lifetime are not acceptable
     */
    CertificateSet create(CertificateSetSpec spec);

    /**
     * Returns the set of that name when it already satisfies {@code spec} and is active; otherwise issues it,
     * replacing (and revoking as superseded) a certificate whose names differ. Meant for Berth's own
     * endpoints, which call it at every start.
     *
     * @param spec what the caller needs
     * @return the set, current
     * @throws CertificateManagerException as {@link #create(CertificateSetSpec)}
     */
    CertificateSet ensure(CertificateSetSpec spec);

    /**
     * Finds a set.
     *
     * @param name the set's name
     * @return the set, or empty
     */
    Optional<CertificateSet> find(String name);

    /**
     * Lists the sets.
     *
     * @return every set, ordered by name
     */
    List<CertificateSet> list();

    /**
     * Issues a new certificate and key for a set now. The previous certificate is not revoked: it stays valid
     * until it expires, so that endpoints still using it keep working until they load the new one (listeners
     * are told); revoke it explicitly when its key may be compromised.
     *
     * @param name the set's name
     * @return the renewed set
     * @throws CertificateManagerException {@code NOT_FOUND} when there is no such set
     */
    CertificateSet renew(String name);

    /**
     * Revokes a set's current certificate; the set is no longer renewed automatically until
     * {@link #renew(String)} is called.
     *
     * @param name the set's name
     * @param reason why
     * @return the set, revoked
     * @throws CertificateManagerException {@code NOT_FOUND} when there is no such set
     */
    CertificateSet revoke(String name, RevocationReason reason);

    /**
     * Deletes a set and its key, revoking its certificate (reason cessation of operation).
     *
     * @param name the set's name
     * @throws CertificateManagerException {@code NOT_FOUND} when there is no such set
     */
    void delete(String name);

    /**
     * Replaces the client identities allowed to read a set over WebDAV.
     *
     * @param name the set's name
     * @param readers the identities (common names of client certificates)
     * @return the set
     * @throws CertificateManagerException {@code NOT_FOUND} when there is no such set
     */
    CertificateSet setReaders(String name, Set<String> readers);

    /**
     * Returns a set's certificate, decrypted private key and CA chain.
     *
     * @param name the set's name
     * @return the material, in memory only
     * @throws CertificateManagerException {@code NOT_FOUND} when there is no such set
     */
    CertificateMaterial material(String name);
}
