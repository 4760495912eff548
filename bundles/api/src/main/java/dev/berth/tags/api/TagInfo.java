package dev.berth.tags.api;

import java.util.List;

/**
 * A tag and who uses it.
 *
 * @param tag the tag
 * @param networks the networks carrying it (names)
 * @param egress the containers that may open connections for it (names)
 * @param ingress the containers that accept connections for it (names)
 */
public record TagInfo(String tag, List<String> networks, List<String> egress, List<String> ingress) {

    /**
     * Copies the lists.
     *
     * @param tag the tag
     * @param networks the networks
     * @param egress the egress containers
     * @param ingress the ingress containers
     */
    public TagInfo {
        networks = List.copyOf(networks);
        egress = List.copyOf(egress);
        ingress = List.copyOf(ingress);
    }
}
