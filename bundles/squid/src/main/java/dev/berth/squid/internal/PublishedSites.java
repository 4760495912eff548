package dev.berth.squid.internal;

import java.util.List;

import dev.berth.haproxy.api.RouteProblem;

/**
 * What the containers' {@code berth.waf.*} labels give.
 *
 * @param sites the published containers, ordered by origin
 * @param problems what is wrong with the labels of the others
 */
public record PublishedSites(List<PublishedSite> sites, List<RouteProblem> problems) {

    /** Nothing published. */
    static final PublishedSites NONE = new PublishedSites(List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param sites the published containers
     * @param problems the problems
     */
    public PublishedSites {
        sites = List.copyOf(sites);
        problems = List.copyOf(problems);
    }
}
