package dev.berth.dns.api;

/** A DNS operation was refused or failed; the message says what and why. */
public class DnsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and why
     */
    public DnsException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed and why
     * @param cause the underlying failure
     */
    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
