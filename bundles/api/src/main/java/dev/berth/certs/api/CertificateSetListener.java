package dev.berth.certs.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a certificate set changes, so that an endpoint using it can load the new certificate (for example
 * reload PostgreSQL's configuration). Register it as an OSGi service (whiteboard); it is called on the
 * certificate manager's own thread and must not block for long.
 */
@ConsumerType
public interface CertificateSetListener {

    /** What happened to the set. */
    enum Change {
        /** The set was created. */
        CREATED,
        /** A new certificate and key replaced the previous ones. */
        RENEWED,
        /** Its certificate was revoked. */
        REVOKED,
        /** The set was deleted. */
        DELETED
    }

    /**
     * Called after a set changed.
     *
     * @param set the set as it is now (for {@code DELETED}, as it was)
     * @param change what happened
     */
    void certificateSetChanged(CertificateSet set, Change change);
}
