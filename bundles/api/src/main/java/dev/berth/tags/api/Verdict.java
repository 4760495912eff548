package dev.berth.tags.api;

/**
 * Whether a new connection passes, and why.
 *
 * @param allowed whether it passes
 * @param reason the reason, naming the tags and networks involved
 */
public record Verdict(boolean allowed, String reason) {
}
