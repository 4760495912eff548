package dev.berth.squid.icap;

/**
 * A request the ICAP service refuses: it is answered with {@link #status()} and the connection is closed, since
 * the rest of the stream can no longer be framed.
 */
public final class IcapException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the ICAP status to answer, 400 for a malformed request
     * @param message what is wrong
     */
    public IcapException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the ICAP status to answer */
    public int status() {
        return status;
    }
}
