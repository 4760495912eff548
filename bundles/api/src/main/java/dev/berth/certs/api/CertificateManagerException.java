package dev.berth.certs.api;

/** The certificate manager refused or could not complete a request; the message says why. */
public class CertificateManagerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Reason {
        /** The request is malformed: a bad name, an unparsable CSR, a TTL out of range. */
        INVALID,
        /** The named set, certificate or client does not exist. */
        NOT_FOUND,
        /** Something of that name already exists. */
        CONFLICT,
        /** The policy does not allow the requester those names, addresses or that lifetime. */
        POLICY,
        /** Authentication failed: a wrong key, a tampered, replayed or stale message. */
        REFUSED,
        /** The certificate manager or a server it talks to cannot serve the request now. */
        UNAVAILABLE
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the request failed
     * @param message what to tell the operator or client
     */
    public CertificateManagerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Creates the exception.
     *
     * @param reason why the request failed
     * @param message what to tell the operator or client
     * @param cause the underlying failure
     */
    public CertificateManagerException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Returns why the request failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
