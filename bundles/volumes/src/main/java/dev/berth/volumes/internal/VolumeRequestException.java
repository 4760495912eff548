package dev.berth.volumes.internal;

/** Berth understood a volume request and refuses it; the message is what Docker shows the user. */
public final class VolumeRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the reason
     */
    public VolumeRequestException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message the reason
     * @param cause the underlying failure
     */
    public VolumeRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
