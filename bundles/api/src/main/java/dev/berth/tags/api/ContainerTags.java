package dev.berth.tags.api;

import java.util.List;
import java.util.Set;

/**
 * A container's tags and what they give it.
 *
 * @param id the container's ID
 * @param name its name
 * @param egress its egress tags
 * @param ingress its ingress tags
 * @param networks the networks its tags select (names)
 * @param peers the containers it may open connections to (names)
 * @param problems what is wrong with its labels
 */
public record ContainerTags(String id, String name, Set<String> egress, Set<String> ingress, List<String> networks,
        List<String> peers, List<String> problems) {

    /**
     * Copies the collections.
     *
     * @param id the ID
     * @param name the name
     * @param egress the egress tags
     * @param ingress the ingress tags
     * @param networks the networks
     * @param peers the peers
     * @param problems the problems
     */
    public ContainerTags {
        egress = Set.copyOf(egress);
        ingress = Set.copyOf(ingress);
        networks = List.copyOf(networks);
        peers = List.copyOf(peers);
        problems = List.copyOf(problems);
    }
}
