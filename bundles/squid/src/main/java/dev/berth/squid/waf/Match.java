package dev.berth.squid.waf;

/**
 * A rule that matched, where and on what.
 *
 * @param rule the rule
 * @param target the part of the message
 * @param evidence the text that matched
 */
public record Match(WafRule rule, RuleTarget target, String evidence) {
}
