package dev.berth.ipam.api;

/**
 * The address spaces Docker uses for networks that do not name one.
 *
 * @param local the space for local-scope networks
 * @param global the space for swarm-scope networks
 */
public record AddressSpaces(String local, String global) {
}
