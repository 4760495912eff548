package dev.berth.frr.api;

/**
 * An iBGP peer and its session.
 *
 * @param address the peer's address, as configured
 * @param state the BGP state: {@code Idle}, {@code Connect}, {@code Active}, {@code OpenSent}, {@code OpenConfirm},
 *     {@code Established}, or {@code Unknown} when bgpd does not report it (FRR not running)
 * @param uptimeMillis how long the session has been in its state, in milliseconds
 * @param prefixesReceived the prefixes accepted from the peer
 * @param prefixesSent the prefixes announced to the peer
 * @param connectionsEstablished how often the session reached Established
 * @param connectionsDropped how often it fell from Established
 */
public record BgpPeer(String address, String state, long uptimeMillis, long prefixesReceived, long prefixesSent,
        long connectionsEstablished, long connectionsDropped) {

    /** The state of a session that bgpd does not report. */
    public static final String UNKNOWN = "Unknown";

    /**
     * Tells whether the session is up.
     *
     * @return whether the state is Established
     */
    public boolean established() {
        return "Established".equals(state);
    }
}
