package dev.berth.net.api;

/**
 * A published port: connections to the host's port reach the container's.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param hostIp the host address it is bound to, empty for all
 * @param hostPort the host port
 * @param containerPort the container port
 */
public record PortMapping(String protocol, String hostIp, int hostPort, int containerPort) {
}
