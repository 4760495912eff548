package dev.berth.net.internal.kernel;

/** A kernel operation failed; the message names the command and what the tool said. */
public final class KernelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public KernelException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the cause
     */
    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
