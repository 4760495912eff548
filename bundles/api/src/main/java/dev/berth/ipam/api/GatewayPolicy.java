package dev.berth.ipam.api;

/** Which address of a subnet Berth gives Docker when it asks for a gateway without naming one. */
public enum GatewayPolicy {
    /** The first usable address (the network address plus one). */
    FIRST,
    /** The last usable address (below the IPv4 broadcast address). */
    LAST
}
