package dev.berth.dns.api;

import java.util.Objects;

/**
 * A container label that defines no record because it is wrong; the container's other labels still do.
 *
 * @param label the label key, for example {@code berth.dns.srv.web}
 * @param value the label value as given
 * @param message what is wrong and what is expected instead
 */
public record LabelProblem(String label, String value, String message) {

    /**
     * Validates the fields.
     *
     * @param label the label key
     * @param value the value
     * @param message the explanation
     */
    public LabelProblem {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Formats the problem for a log or a user.
     *
     * @return {@code label=value: message}
     */
    @Override
    public String toString() {
        return label + "=" + value + ": " + message;
    }
}
