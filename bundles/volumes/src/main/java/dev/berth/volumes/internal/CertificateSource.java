package dev.berth.volumes.internal;

import java.util.Optional;

/**
 * The certificate manager as the volume driver reaches it, over mutual TLS with the driver's enrolled client
 * certificate: the REST API for the sets the driver owns, the WebDAV tree for every set it may read. Failures
 * are {@link dev.berth.certs.api.CertificateManagerException}s carrying the certificate manager's reason.
 */
interface CertificateSource {

    /**
     * Identifies the certificate manager: set names are unique per certificate manager.
     *
     * @return the first 16 hexadecimal digits of the SHA-256 of its root certificate
     */
    String authority();

    /**
     * Creates a set in the driver's namespace ({@code POST /api/v1/sets}).
     *
     * @param request the names, lifetime and key
     * @return the set
     */
    SetInfo create(SetRequest request);

    /**
     * Describes a set the driver owns ({@code GET /api/v1/sets/NAME}).
     *
     * @param set the set's name
     * @return the set, or empty when it does not exist
     */
    Optional<SetInfo> info(String set);

    /**
     * Renews a set the driver owns now ({@code POST /api/v1/sets/NAME/renew}).
     *
     * @param set the set's name
     * @return the renewed set
     */
    SetInfo renew(String set);

    /**
     * Deletes a set the driver owns, revoking its certificate ({@code DELETE /api/v1/sets/NAME}); a set that is
     * gone already is not an error.
     *
     * @param set the set's name
     */
    void delete(String set);

    /**
     * Tells cheaply whether a set's files changed: the entity tags and modification times of its certificate and
     * key ({@code PROPFIND}, depth 1).
     *
     * @param set the set's name
     * @return a text that changes when the files change
     */
    String version(String set);

    /**
     * Reads a set's files ({@code GET /certs/SET/*.pem}).
     *
     * @param set the set's name
     * @return the files, as served (not yet checked against each other)
     */
    SetFiles fetch(String set);
}
