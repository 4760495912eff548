package dev.berth.squid.waf;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule: where it looks, for which hosts, and what it matches.
 *
 * @param id the rule's identifier, shown on the block page and in the incident log
 * @param targets the parts of the message it looks at
 * @param hosts the hosts it applies to: {@code *}, names, or {@code *.domain} for subdomains
 * @param message what a match means
 * @param argument the pattern, the allowed methods, the maximum size or {@code -}, as written
 * @param pattern the compiled pattern of a pattern rule, or {@code null}
 */
public record WafRule(String id, Set<RuleTarget> targets, List<String> hosts, String message, String argument,
        Pattern pattern) {

    /** Copies the collections. */
    public WafRule {
        targets = Set.copyOf(targets);
        hosts = List.copyOf(hosts);
    }

    /**
     * Tells whether the rule applies to a host.
     *
     * @param host the request's host, lower case without port
     * @return whether it applies
     */
    public boolean appliesTo(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : hosts) {
            if ("*".equals(pattern) || pattern.equals(h)
                    || pattern.startsWith("*.") && h.endsWith(pattern.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** @return the rule as a line of a rule file */
    public String line() {
        return id + " " + String.join(",", targets.stream().sorted().map(RuleTarget::label).toList()) + " "
                + String.join(",", hosts) + " \"" + message + "\" " + argument;
    }
}
