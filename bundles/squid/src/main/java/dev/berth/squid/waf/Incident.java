package dev.berth.squid.waf;

import java.time.Instant;

/**
 * A message that matched a rule: blocked, or only recorded in detect-only mode.
 *
 * @param id the incident's identifier, shown on the block page
 * @param time when it happened
 * @param blocked whether the message was blocked (false in detect-only mode)
 * @param ruleId the rule that matched
 * @param message the rule's message
 * @param target the part of the message that matched
 * @param client the HTTP client's address, or empty
 * @param method the request method
 * @param host the request's host
 * @param uri the request target, cut to 200 characters
 * @param evidence the matched text, cut to 80 characters with control characters replaced
 */
public record Incident(String id, Instant time, boolean blocked, String ruleId, String message, String target,
        String client, String method, String host, String uri, String evidence) {
}
