package dev.berth.squid.waf;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.squid.icap.HttpHead;
import dev.berth.squid.icap.HttpReply;
import dev.berth.squid.icap.IcapAdapter;

/**
 * The web application firewall as an ICAP adapter: a message that matches a rule becomes an incident, logged and
 * kept in the incident log, and is answered with a 403 page naming the rule and the incident; in detect-only mode
 * the incident is recorded and the message passes.
 */
public final class WafAdapter implements IcapAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(WafAdapter.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Waf waf;
    private final boolean detectOnly;
    private final IncidentLog log;
    private final int bodyLimit;
    private final Clock clock;
    private final String istag;

    /**
     * @param rules the rules
     * @param detectOnly whether matches are only recorded
     * @param bodyLimit how many body bytes are inspected
     * @param log where incidents go
     * @param clock the time of incidents
     */
    public WafAdapter(RuleSet rules, boolean detectOnly, int bodyLimit, IncidentLog log, Clock clock) {
        this.waf = new Waf(rules, bodyLimit);
        this.detectOnly = detectOnly;
        this.bodyLimit = bodyLimit;
        this.log = log;
        this.clock = clock;
        this.istag = "berth-" + rules.tag(detectOnly ? "detect" : "block");
    }

    /** @return the rules in force */
    public RuleSet rules() {
        return waf.rules();
    }

    /** @return whether matches are only recorded */
    public boolean detectOnly() {
        return detectOnly;
    }

    @Override
    public Optional<HttpReply> request(String client, HttpHead request, byte[] body, boolean truncated) {
        log.inspected();
        return waf.request(request, body).flatMap(m -> incident(client, request, m));
    }

    @Override
    public Optional<HttpReply> response(String client, Optional<HttpHead> request, HttpHead response, byte[] body,
            boolean truncated) {
        log.inspected();
        return waf.response(request, response, body).flatMap(m -> incident(client, request.orElse(null), m));
    }

    @Override
    public String istag() {
        return istag;
    }

    @Override
    public int bodyLimit() {
        return bodyLimit;
    }

    private Optional<HttpReply> incident(String client, HttpHead request, Match m) {
        byte[] idBytes = new byte[8];
        RANDOM.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String method = request == null ? "" : request.method();
        String host = request == null ? "" : cut(Waf.host(request), 100);
        client = cut(client, 64);
        String uri = request == null ? "" : cut(request.target(), 200);
        Incident incident = new Incident(id, clock.instant(), !detectOnly, m.rule().id(), m.rule().message(),
                m.target().label(), client, method, host, uri, cut(m.evidence(), 80));
        log.add(incident);
        LOG.warn("WAF {} {} {} from {}: rule {} ({}) matched {} [{}], incident {}", detectOnly ? "detected" : "blocked",
                method, uri, client.isEmpty() ? "?" : client, m.rule().id(), m.rule().message(), m.target().label(),
                incident.evidence(), id);
        if (detectOnly) {
            return Optional.empty();
        }
        return Optional.of(page(m.rule().id(), id));
    }

    static HttpReply page(String ruleId, String incidentId) {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>403 Forbidden</title></head>"
                + "<body><h1>Forbidden</h1><p>Berth's web application firewall refused this request.</p>"
                + "<p>Rule: " + ruleId + "<br>Incident: " + incidentId + "</p>"
                + "<p>Quote the incident to the site's operators if you think this is a mistake.</p></body></html>\n";
        return HttpReply.of(403, "Forbidden", List.of(new String[] {"Content-Type", "text/html; charset=utf-8"},
                new String[] {"Cache-Control", "no-store"}, new String[] {"X-Berth-Waf-Rule", ruleId},
                new String[] {"X-Berth-Waf-Incident", incidentId}, new String[] {"Connection", "close"}),
                html.getBytes(StandardCharsets.UTF_8));
    }

    /** Cuts text for logs and tables and replaces control characters, so that it cannot forge log lines. */
    private static String cut(String s, int max) {
        String t = s.length() > max ? s.substring(0, max) + "..." : s;
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
