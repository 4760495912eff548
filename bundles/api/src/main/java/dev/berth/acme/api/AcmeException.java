package dev.berth.acme.api;

import java.util.Optional;

/**
 * An ACME request failed. When the CA answered with a problem document (RFC 7807, RFC 8555 section 6.7) its
 * type, detail and HTTP status are kept and part of the message.
 */
public class AcmeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The prefix of the problem types RFC 8555 defines. */
    public static final String ACME_ERROR_PREFIX = "urn:ietf:params:acme:error:";

    private final String problemType;
    private final String detail;
    private final int httpStatus;

    /**
     * Creates an exception from a problem document.
     *
     * @param problemType the document's "type", for example {@code urn:ietf:params:acme:error:badNonce}
     * @param detail the document's "detail", possibly empty
     * @param httpStatus the HTTP status of the response
     */
    public AcmeException(String problemType, String detail, int httpStatus) {
        super("ACME problem " + problemType + " (HTTP " + httpStatus + ")" + (detail.isEmpty() ? "" : ": " + detail));
        this.problemType = problemType;
        this.detail = detail;
        this.httpStatus = httpStatus;
    }

    /**
     * Creates an exception without a problem document.
     *
     * @param message what failed
     * @param cause the cause, possibly null
     */
    public AcmeException(String message, Throwable cause) {
        super(message, cause);
        this.problemType = null;
        this.detail = message;
        this.httpStatus = 0;
    }

    /**
     * The problem type.
     *
     * @return the type URI, empty when the failure did not come with a problem document
     */
    public Optional<String> problemType() {
        return Optional.ofNullable(problemType);
    }

    /**
     * Whether the problem is one of RFC 8555's, of a given short name.
     *
     * @param shortName for example {@code badNonce}
     * @return whether the type is {@code urn:ietf:params:acme:error:<shortName>}
     */
    public boolean is(String shortName) {
        return (ACME_ERROR_PREFIX + shortName).equals(problemType);
    }

    /**
     * The problem's detail, or the message when there was no problem document.
     *
     * @return the detail
     */
    public String detail() {
        return detail;
    }

    /**
     * The HTTP status.
     *
     * @return the status, 0 when no response carried the problem
     */
    public int httpStatus() {
        return httpStatus;
    }
}
