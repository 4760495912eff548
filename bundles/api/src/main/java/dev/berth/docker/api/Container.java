package dev.berth.docker.api;

import java.util.Map;

/**
 * A container as Berth sees it.
 *
 * @param id its full ID
 * @param name its name, without Docker's leading slash
 * @param labels its labels
 * @param networkMode what {@code --network} said: {@code default}, a network name, {@code none}, {@code host}...
 * @param running whether it runs
 * @param networks its attachments by network name
 */
public record Container(String id, String name, Map<String, String> labels, String networkMode, boolean running,
        Map<String, Attachment> networks) {

    /**
     * Copies the maps.
     *
     * @param id the ID
     * @param name the name
     * @param labels the labels
     * @param networkMode the network mode
     * @param running whether it runs
     * @param networks the attachments
     */
    public Container {
        labels = Map.copyOf(labels);
        networks = Map.copyOf(networks);
    }

    /**
     * A container's attachment to a network.
     *
     * @param networkId the network's ID
     * @param endpointId the endpoint's ID, empty until the container runs
     * @param ipv4 its IPv4 address, or empty
     * @param ipv6 its IPv6 address, or empty
     * @param aliases the names other containers of the network know it by (Docker's aliases and DNS names)
     */
    public record Attachment(String networkId, String endpointId, String ipv4, String ipv6, java.util.List<String> aliases) {

        /**
         * Copies the aliases.
         *
         * @param networkId the network
         * @param endpointId the endpoint
         * @param ipv4 the IPv4 address
         * @param ipv6 the IPv6 address
         * @param aliases the aliases
         */
        public Attachment {
            aliases = java.util.List.copyOf(aliases);
        }
    }
}
