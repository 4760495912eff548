package dev.berth.squid.waf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An ordered list of rules read from text, one rule a line: {@code id targets hosts "message" argument}. Blank
 * lines and lines starting with {@code #} are ignored. A set with any bad line is refused as a whole, naming the
 * line, so that a typo never silently drops a rule.
 *
 * @param rules the rules, in order
 * @param source where they came from
 */
public record RuleSet(List<WafRule> rules, String source) {

    private static final Pattern LINE = Pattern.compile("(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+\"([^\"]*)\"\\s+(.+)");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");

    /** Copies the rules. */
    public RuleSet {
        rules = List.copyOf(rules);
    }

    /**
     * Berth's default rules (the bundle's {@code default.rules}).
     *
     * @return the rules
     */
    public static RuleSet defaults() {
        try (InputStream in = RuleSet.class.getResourceAsStream("default.rules")) {
            if (in == null) {
                throw new IllegalStateException("default.rules is missing from the bundle");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read default.rules", e);
        }
    }

    /**
     * Parses rules.
     *
     * @param text the rule lines
     * @param source where they came from, for messages
     * @return the rules
     * @throws IllegalArgumentException naming the first bad line and what is wrong with it
     */
    public static RuleSet parse(String text, String source) {
        List<WafRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                WafRule rule = rule(line);
                if (!ids.add(rule.id())) {
                    throw new IllegalArgumentException("rule id " + rule.id() + " is used twice");
                }
                rules.add(rule);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new RuleSet(rules, source);
    }

    private static WafRule rule(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected: id targets hosts \"message\" argument");
        }
        String id = m.group(1);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid rule id " + id);
        }
        Set<RuleTarget> targets = EnumSet.noneOf(RuleTarget.class);
        for (String t : m.group(2).split(",")) {
            targets.add(RuleTarget.of(t).orElseThrow(() -> new IllegalArgumentException("unknown target " + t)));
        }
        boolean special = targets.stream().anyMatch(RuleTarget::special);
        if (special && targets.size() > 1) {
            throw new IllegalArgumentException(m.group(2) + ": method-allow, header-size and smuggling stand alone");
        }
        List<String> hosts = List.of(m.group(3).toLowerCase(Locale.ROOT).split(","));
        for (String h : hosts) {
            if (!h.matches("\\*|(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
                throw new IllegalArgumentException("invalid host " + h);
            }
        }
        String argument = m.group(5).strip();
        RuleTarget first = targets.iterator().next();
        Pattern pattern = null;
        if (first == RuleTarget.METHOD_ALLOW) {
            for (String method : argument.split(",")) {
                if (!METHOD.matcher(method).matches()) {
                    throw new IllegalArgumentException("invalid method " + method);
                }
            }
        } else if (first == RuleTarget.HEADER_SIZE) {
            if (!argument.matches("[1-9]\\d{0,8}")) {
                throw new IllegalArgumentException("header-size needs a positive number of bytes: " + argument);
            }
        } else if (first != RuleTarget.SMUGGLING) {
            try {
                pattern = Pattern.compile(argument);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid pattern: " + e.getDescription(), e);
            }
        }
        return new WafRule(id, targets, hosts, m.group(4), argument, pattern);
    }

    /**
     * A digest of the rules in force, for the ICAP service tag: it changes when the rules do.
     *
     * @param mode the mode in force, also part of the tag
     * @return 16 hex digits
     */
    public String tag(String mode) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(mode.getBytes(StandardCharsets.UTF_8));
            rules.forEach(r -> d.update((r.line() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
