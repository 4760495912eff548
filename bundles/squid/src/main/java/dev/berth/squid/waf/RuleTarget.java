package dev.berth.squid.waf;

import java.util.Arrays;
import java.util.Optional;

/** What part of a message a rule looks at. */
public enum RuleTarget {
    /** The request method, against an allow-list. */
    METHOD_ALLOW("method-allow", true),
    /** The size of the request head, against a maximum. */
    HEADER_SIZE("header-size", true),
    /** Content-Length and Transfer-Encoding, for framing a backend could read differently. */
    SMUGGLING("smuggling", true),
    /** The request path. */
    URI("uri", false),
    /** The request query string. */
    QUERY("query", false),
    /** The request header fields, as {@code name: value} lines. */
    HEADERS("headers", false),
    /** The first bytes of the request body. */
    BODY("body", false),
    /** The response header fields. */
    RESPONSE_HEADERS("response-headers", false),
    /** The first bytes of the response body. */
    RESPONSE_BODY("response-body", false);

    private final String label;
    private final boolean special;

    RuleTarget(String label, boolean special) {
        this.label = label;
        this.special = special;
    }

    /** @return the name in rule files */
    public String label() {
        return label;
    }

    /** @return whether the rule's argument is not a pattern (and the target stands alone) */
    public boolean special() {
        return special;
    }

    /** @return whether the target is part of a response */
    public boolean response() {
        return this == RESPONSE_HEADERS || this == RESPONSE_BODY;
    }

    static Optional<RuleTarget> of(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }
}
