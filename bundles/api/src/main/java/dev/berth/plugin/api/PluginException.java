package dev.berth.plugin.api;

/**
 * A plugin request Berth refuses. The plugin application turns it into the HTTP status given and a body
 * with the message in the protocol's error field.
 */
public class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status to answer with
     * @param message the message Docker shows to the user
     */
    public PluginException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * Creates a refusal of a malformed or invalid request (HTTP 400).
     *
     * @param message what is wrong with the request
     * @return the exception
     */
    public static PluginException badRequest(String message) {
        return new PluginException(400, message);
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }
}
