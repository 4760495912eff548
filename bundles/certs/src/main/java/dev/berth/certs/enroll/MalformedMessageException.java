package dev.berth.certs.enroll;

/** An enrollment message that is not well formed: wrong magic, version, type or lengths. */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     */
    public MalformedMessageException(String message) {
        super(message);
    }
}
