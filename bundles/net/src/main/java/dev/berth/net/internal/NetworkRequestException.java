package dev.berth.net.internal;

/** A network driver request Berth refuses; the message is for the user who typed the Docker command. */
public final class NetworkRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NetworkRequestException(String message) {
        super(message);
    }

    NetworkRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
