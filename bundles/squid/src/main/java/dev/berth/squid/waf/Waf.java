package dev.berth.squid.waf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import dev.berth.squid.icap.HttpHead;

/**
 * Applies a rule set to HTTP messages, rules in order, the first match deciding. Pattern rules see each part both
 * as sent and normalised ({@link Normalizer}); gzip and deflate response bodies are inflated (up to the limit).
 */
public final class Waf {

    private final RuleSet rules;
    private final int bodyLimit;

    /**
     * @param rules the rules
     * @param bodyLimit how many body bytes are looked at
     */
    public Waf(RuleSet rules, int bodyLimit) {
        this.rules = rules;
        this.bodyLimit = bodyLimit;
    }

    /** @return the rules */
    public RuleSet rules() {
        return rules;
    }

    /**
     * Checks a request.
     *
     * @param head its head
     * @param body the first bytes of its body
     * @return the first rule that matched, or empty
     */
    public Optional<Match> request(HttpHead head, byte[] body) {
        String host = host(head);
        String path = path(head.target());
        int q = path.indexOf('?');
        String query = q < 0 ? "" : path.substring(q + 1);
        String uri = q < 0 ? path : path.substring(0, q);
        String contentType = head.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        boolean form = contentType.startsWith("application/x-www-form-urlencoded");
        String bodyText = new String(body, StandardCharsets.ISO_8859_1);
        String headers = headerText(head);
        for (WafRule rule : rules.rules()) {
            if (!rule.appliesTo(host) || rule.targets().stream().allMatch(RuleTarget::response)) {
                continue;
            }
            for (RuleTarget t : rule.targets()) {
                Optional<String> evidence = switch (t) {
                    case METHOD_ALLOW -> List.of(rule.argument().split(",")).contains(head.method())
                            ? Optional.empty() : Optional.of(head.method());
                    case HEADER_SIZE -> head.size() > Integer.parseInt(rule.argument())
                            ? Optional.of(head.size() + " bytes") : Optional.empty();
                    case SMUGGLING -> Framing.problem(head);
                    case URI -> find(rule, uri, false);
                    case QUERY -> find(rule, query, true);
                    case HEADERS -> find(rule, headers, false);
                    case BODY -> find(rule, bodyText, form);
                    default -> Optional.empty();
                };
                if (evidence.isPresent()) {
                    return Optional.of(new Match(rule, t, evidence.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a response.
     *
     * @param request the request's head, when known (for the host)
     * @param head the response's head
     * @param body the first bytes of its body, as sent
     * @return the first rule that matched, or empty
     */
    public Optional<Match> response(Optional<HttpHead> request, HttpHead head, byte[] body) {
        String host = request.map(Waf::host).orElse("");
        String headers = headerText(head);
        String bodyText = null;
        for (WafRule rule : rules.rules()) {
            if (!rule.appliesTo(host)) {
                continue;
            }
            for (RuleTarget t : rule.targets()) {
                Optional<String> evidence = Optional.empty();
                if (t == RuleTarget.RESPONSE_HEADERS) {
                    evidence = find(rule, headers, false);
                } else if (t == RuleTarget.RESPONSE_BODY) {
                    if (bodyText == null) {
                        bodyText = new String(decoded(head, body), StandardCharsets.ISO_8859_1);
                    }
                    evidence = find(rule, bodyText, false);
                }
                if (evidence.isPresent()) {
                    return Optional.of(new Match(rule, t, evidence.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> find(WafRule rule, String text, boolean form) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = rule.pattern().matcher(text);
        if (m.find()) {
            return Optional.of(m.group());
        }
        String normal = Normalizer.normalize(text, form);
        if (!normal.equals(text)) {
            m = rule.pattern().matcher(normal);
            if (m.find()) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /** The request's host, lower case without port: from an absolute target, else the Host header. */
    static String host(HttpHead head) {
        String target = head.target();
        String authority = "";
        int scheme = schemeEnd(target);
        if (scheme > 0) {
            String rest = target.substring(scheme + 3);
            int end = rest.indexOf('/');
            authority = end < 0 ? rest : rest.substring(0, end);
        } else if ("CONNECT".equals(head.method())) {
            authority = target;
        }
        if (authority.isEmpty()) {
            authority = head.header("Host").orElse("");
        }
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return (close < 0 ? authority : authority.substring(0, close + 1)).toLowerCase(Locale.ROOT);
        }
        int colon = authority.indexOf(':');
        return (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** The path and query of a target, without scheme and authority. */
    static String path(String target) {
        int scheme = schemeEnd(target);
        if (scheme < 0) {
            return target;
        }
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }

    /** Where the scheme of an absolute-form target ends (the index of "://"), or -1 for origin form. */
    private static int schemeEnd(String target) {
        int i = target.indexOf("://");
        return i > 0 && target.substring(0, i).matches("[A-Za-z][A-Za-z0-9+.-]*") ? i : -1;
    }

    private static String headerText(HttpHead head) {
        StringBuilder b = new StringBuilder();
        head.fields().forEach(f -> b.append(f[0]).append(": ").append(f[1]).append('\n'));
        return b.toString();
    }

    private byte[] decoded(HttpHead head, byte[] body) {
        String encoding = head.header("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
        if (!"gzip".equals(encoding) && !"deflate".equals(encoding)) {
            return body;
        }
        try (InputStream in = "gzip".equals(encoding) ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new InflaterInputStream(new ByteArrayInputStream(body))) {
            return readUpTo(in, bodyLimit);
        } catch (IOException e) {
            return body;
        }
    }

    /** Reads what inflates before the (possibly cut) input ends. */
    private static byte[] readUpTo(InputStream in, int limit) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while (out.size() < limit && (n = in.read(buf, 0, Math.min(buf.length, limit - out.size()))) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // a body cut at the limit ends the stream early; what inflated so far is inspected
        }
        return out.toByteArray();
    }
}
