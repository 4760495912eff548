package dev.berth.docker.api;

/** The Docker engine could not be reached, or refused a request; the message is Docker's. */
public class DockerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status Docker answered, or 0 when it could not be reached
     * @param message what went wrong
     */
    public DockerException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * Returns Docker's HTTP status.
     *
     * @return the status, or 0
     */
    public int status() {
        return status;
    }
}
