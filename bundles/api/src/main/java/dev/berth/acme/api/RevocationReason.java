package dev.berth.acme.api;

/** Why a certificate is revoked: the reason codes of RFC 5280 section 5.3.1 that an ACME client may give. */
public enum RevocationReason {

    /** No reason given. */
    UNSPECIFIED(0),
    /** The certificate's private key is known or suspected to be compromised. */
    KEY_COMPROMISE(1),
    /** Another certificate replaces it. */
    SUPERSEDED(4),
    /** It is no longer needed: the service or volume it was for is gone. */
    CESSATION_OF_OPERATION(5);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /**
     * The code sent in the {@code reason} field of {@code revokeCert}.
     *
     * @return the RFC 5280 reason code
     */
    public int code() {
        return code;
    }
}
