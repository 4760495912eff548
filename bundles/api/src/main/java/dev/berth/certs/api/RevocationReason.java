package dev.berth.certs.api;

/** Why a certificate was revoked, with the reason codes of RFC 5280 section 5.3.1. */
public enum RevocationReason {

    /** No reason given. */
    UNSPECIFIED(0),
    /** The private key is or may be known to someone else. */
    KEY_COMPROMISE(1),
    /** The subject's name or other information changed. */
    AFFILIATION_CHANGED(3),
    /** The certificate was replaced by a new one. */
    SUPERSEDED(4),
    /** The certificate is no longer needed. */
    CESSATION_OF_OPERATION(5);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /**
     * Returns the CRL reason code.
     *
     * @return the code of RFC 5280
     */
    public int code() {
        return code;
    }
}
