package dev.berth.tags.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.berth.tags.api.Verdict;

/**
 * The direction rule, as the kernel enforces it: a new connection from A to B passes when A and B share a
 * network that carries a tag T with T among A's egress tags and among B's ingress tags; on an untagged shared
 * network everything passes; with no shared network nothing does.
 */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * Decides one direction.
     *
     * @param from the name of the container opening the connection
     * @param fromTags its tags
     * @param to the name of the container receiving it
     * @param toTags its tags
     * @param shared the networks both are attached to, by name, with their tags
     * @return the verdict with its reason
     */
    static Verdict decide(String from, TagLabels fromTags, String to, TagLabels toTags, Map<String, List<String>> shared) {
        if (shared.isEmpty()) {
            return new Verdict(false, "refused: " + from + " and " + to + " share no network");
        }
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, List<String>> n : shared.entrySet()) {
            if (n.getValue().isEmpty()) {
                return new Verdict(true, "allowed: both are on network " + n.getKey() + ", which carries no tags");
            }
            for (String tag : n.getValue()) {
                if (fromTags.egress().contains(tag) && toTags.ingress().contains(tag)) {
                    return new Verdict(true, "allowed: " + from + " has egress tag " + tag + ", " + to
                            + " has ingress tag " + tag + ", and both are on network " + n.getKey());
                }
            }
            reasons.add("on network " + n.getKey() + " (tags " + String.join(",", n.getValue()) + ") " + from
                    + " has egress " + describe(fromTags.egress()) + " and " + to + " has ingress "
                    + describe(toTags.ingress()));
        }
        return new Verdict(false, "refused: " + String.join("; ", reasons)
                + "; a new connection needs an egress tag of the sender that is an ingress tag of the receiver");
    }

    private static String describe(java.util.Set<String> tags) {
        return tags.isEmpty() ? "none" : String.join(",", new java.util.TreeSet<>(tags));
    }
}
