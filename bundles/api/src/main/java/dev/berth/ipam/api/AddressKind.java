package dev.berth.ipam.api;

/** What an allocated address is for. */
public enum AddressKind {
    /** The network's gateway, asked for by Docker with {@code RequestAddressType=com.docker.network.gateway}. */
    GATEWAY,
    /** A container endpoint. */
    ENDPOINT,
    /** Reserved by an operator with {@code ipam:reserve}. */
    MANUAL
}
