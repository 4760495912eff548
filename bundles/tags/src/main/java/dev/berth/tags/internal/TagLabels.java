package dev.berth.tags.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.berth.tags.api.TagPolicy;

/**
 * A container's tags as its labels give them: {@code berth.egress=web,db} and {@code berth.ingress=api}. A
 * malformed tag is skipped and reported; the valid ones still apply.
 *
 * @param egress the tags it may open connections for
 * @param ingress the tags it accepts connections for
 * @param problems what was wrong with the labels
 */
record TagLabels(Set<String> egress, Set<String> ingress, List<String> problems) {

    private static final String TAG = "[a-z0-9][a-z0-9_.-]{0,62}";

    TagLabels {
        egress = Set.copyOf(egress);
        ingress = Set.copyOf(ingress);
        problems = List.copyOf(problems);
    }

    static TagLabels of(Map<String, String> labels) {
        List<String> problems = new ArrayList<>();
        Set<String> egress = parse(labels.get(TagPolicy.EGRESS_LABEL), TagPolicy.EGRESS_LABEL, problems);
        Set<String> ingress = parse(labels.get(TagPolicy.INGRESS_LABEL), TagPolicy.INGRESS_LABEL, problems);
        for (String key : labels.keySet()) {
            if (key.startsWith("berth.") && key.matches("berth\\.(egres|ingres|egresses|ingresses|tags?)")) {
                problems.add("label " + key + " is not a Berth label; did you mean " + TagPolicy.EGRESS_LABEL + " or "
                        + TagPolicy.INGRESS_LABEL + "?");
            }
        }
        return new TagLabels(egress, ingress, problems);
    }

    private static Set<String> parse(String value, String label, List<String> problems) {
        Set<String> tags = new TreeSet<>();
        if (value == null) {
            return tags;
        }
        for (String raw : value.split(",")) {
            String tag = raw.trim();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.matches(TAG)) {
                tags.add(tag);
            } else {
                problems.add(label + ": '" + tag + "' is not a tag (lower-case letters, digits, '.', '_', '-'); skipped");
            }
        }
        return tags;
    }

    boolean isEmpty() {
        return egress.isEmpty() && ingress.isEmpty();
    }

    Set<String> all() {
        Set<String> all = new TreeSet<>(egress);
        all.addAll(ingress);
        return all;
    }
}
