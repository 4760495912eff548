package dev.berth.acme.internal;

import java.time.Instant;

/**
 * Answers one kind of ACME challenge for the authorizations of one issuance: prepares the proof for each, waits
 * until all proofs are in place, and takes them all down again when closed (idempotent).
 */
interface ChallengeSolver extends AutoCloseable {

    /**
     * The challenge type answered.
     *
     * @return {@code http-01} or {@code dns-01}
     */
    String type();

    /**
     * Puts the proof for one authorization in place.
     *
     * @param identifier the authorization's DNS name (the base name of a wildcard)
     * @param token the challenge's token
     * @param keyAuthorization {@code token + "." + thumbprint}
     */
    void prepare(String identifier, String token, String keyAuthorization);

    /**
     * Waits until every proof prepared can be seen as the CA would see it.
     *
     * @param deadline when to give up
     */
    void awaitReady(Instant deadline);

    /** Takes every proof down; called whatever the outcome, possibly more than once. */
    @Override
    void close();
}
