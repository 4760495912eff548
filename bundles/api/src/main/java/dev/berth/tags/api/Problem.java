package dev.berth.tags.api;

/**
 * A problem with a container's tags. The container still runs and gets what its valid tags give it.
 *
 * @param container the container's name
 * @param message what is wrong
 */
public record Problem(String container, String message) {
}
