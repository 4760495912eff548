package dev.berth.net.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.berth.net.api.EgressMode;

/**
 * The {@code -o} options of {@code docker network create -d berth}, checked: an option Berth does not know
 * is refused by name rather than silently ignored.
 */
record NetworkOptions(EgressMode egress, List<String> tags, int mtu) {

    static final String EGRESS = "berth.egress";
    static final String TAGS = "berth.tags";
    static final String MTU = "com.docker.network.driver.mtu";
    private static final Set<String> KNOWN = Set.of(EGRESS, TAGS, MTU);

    static NetworkOptions parse(Map<String, String> options, boolean internal, int defaultMtu) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new NetworkRequestException("unknown option" + (unknown.size() > 1 ? "s " : " ") + String.join(", ",
                    unknown) + "; the berth driver knows " + String.join(", ", new TreeSet<>(KNOWN)));
        }
        EgressMode egress = switch (options.getOrDefault(EGRESS, "none")) {
            case "nat" -> EgressMode.NAT;
            case "none", "" -> EgressMode.NONE;
            default -> throw new NetworkRequestException(EGRESS + " must be nat or none, not '" + options.get(EGRESS)
                    + "'");
        };
        if (internal && egress != EgressMode.NONE) {
            throw new NetworkRequestException("an --internal network has no way out; drop -o " + EGRESS + "=nat");
        }
        List<String> tags = Arrays.stream(options.getOrDefault(TAGS, "").split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).distinct().sorted().toList();
        for (String tag : tags) {
            if (!tag.matches("[a-z0-9][a-z0-9_.-]{0,62}")) {
                throw new NetworkRequestException("tag '" + tag + "' must be lower-case letters, digits, '.', '_' or '-'");
            }
        }
        int mtu = defaultMtu;
        if (options.containsKey(MTU)) {
            try {
                mtu = Integer.parseInt(options.get(MTU).trim());
            } catch (NumberFormatException e) {
                throw new NetworkRequestException(MTU + " must be a number, not '" + options.get(MTU) + "'");
            }
            if (mtu < 1280 || mtu > 65535) {
                throw new NetworkRequestException(MTU + " must be from 1280 (IPv6's minimum) to 65535, not " + mtu);
            }
        }
        return new NetworkOptions(egress, tags, mtu);
    }
}
