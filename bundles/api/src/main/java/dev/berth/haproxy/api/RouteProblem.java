package dev.berth.haproxy.api;

import java.util.Objects;

/**
 * A route that is not served because something about it is wrong; the other routes still are.
 *
 * @param source where the route came from, for example {@code container:web}
 * @param label the label or setting at fault, for example {@code berth.http.port}; empty when none is
 * @param value its value as given
 * @param message what is wrong and what is expected instead
 */
public record RouteProblem(String source, String label, String value, String message) {

    /**
     * Validates the fields.
     *
     * @param source the source
     * @param label the label
     * @param value the value
     * @param message the explanation
     */
    public RouteProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Formats the problem for a log or a user.
     *
     * @return {@code source: label=value: message}
     */
    @Override
    public String toString() {
        return source + ": " + (label.isEmpty() ? "" : label + "=" + value + ": ") + message;
    }
}
