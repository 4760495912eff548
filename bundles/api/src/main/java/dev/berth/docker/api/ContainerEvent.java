package dev.berth.docker.api;

import java.util.Map;

/**
 * Something that happened to a container or a network, from Docker's events stream.
 *
 * @param type {@code container} or {@code network}, or {@code resync} after the stream was interrupted (events
 *     may have been missed: listeners should re-read everything)
 * @param action for example {@code create}, {@code start}, {@code destroy}, {@code connect}
 * @param id the container's or network's ID
 * @param attributes the event's attributes (a container's labels and name)
 */
public record ContainerEvent(String type, String action, String id, Map<String, String> attributes) {

    /**
     * Copies the attributes.
     *
     * @param type the type
     * @param action the action
     * @param id the ID
     * @param attributes the attributes
     */
    public ContainerEvent {
        attributes = Map.copyOf(attributes);
    }
}
