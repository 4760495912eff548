package dev.berth.dns.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A container's endpoint on a network, whose addresses get A, AAAA and PTR records.
 *
 * <p>Names made from it, with {@code <zone>} the internal zone: {@code <container>.<network>.<zone>} and
 * {@code <container>.<zone>} for every address, {@code <alias>.<network>.<zone>} for every alias, and a PTR
 * record for every address pointing at {@code <container>.<network>.<zone>}.
 *
 * @param endpointId the endpoint's ID (Docker's {@code EndpointID}), unique among endpoints
 * @param network the network name
 * @param containerId the container's ID; links the endpoint with the container's labels
 * @param containerName the container's name, without Docker's leading slash
 * @param aliases the container's aliases on this network (Docker's {@code Aliases} / {@code DNSNames})
 * @param addresses the endpoint's IPv4 and IPv6 addresses
 */
public record DnsEndpoint(String endpointId, String network, String containerId, String containerName,
        List<String> aliases, List<InetAddress> addresses) {

    /**
     * Validates the fields, strips a leading slash from the container name and copies the lists.
     *
     * @param endpointId the endpoint ID
     * @param network the network name
     * @param containerId the container ID
     * @param containerName the container name
     * @param aliases the aliases
     * @param addresses the addresses
     */
    public DnsEndpoint {
        requireText(endpointId, "endpointId");
        requireText(network, "network");
        requireText(containerId, "containerId");
        requireText(containerName, "containerName");
        containerName = containerName.startsWith("/") ? containerName.substring(1) : containerName;
        aliases = List.copyOf(aliases);
        addresses = List.copyOf(addresses);
    }

    private static void requireText(String value, String field) {
        if (Objects.requireNonNull(value, field).isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
