package dev.berth.ipam.api;

/** A refused IPAM request; the message is meant for the user who typed the Docker command. */
public class IpamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** The request itself is wrong: a bad option, an address outside the pool. */
        INVALID,
        /** The pool or address named does not exist. */
        NOT_FOUND,
        /** The subnet or address is already granted. */
        CONFLICT,
        /** Nothing is left to grant. */
        EXHAUSTED
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the request was refused
     * @param message what to tell the user
     */
    public IpamException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Returns why the request was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
