package dev.berth.net.api;

/** Whether a network's containers may open connections beyond the Docker host. */
public enum EgressMode {
    /** No way out: only the network itself, and the host. */
    NONE,
    /** Out through the host's uplinks, masqueraded behind the host's address ({@code -o berth.egress=nat}). */
    NAT
}
