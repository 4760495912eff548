package dev.berth.store.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One versioned step of a component's database schema.
 *
 * @param version a positive number, increasing by one from 1
 * @param description what the step does, recorded with it
 * @param sql the statements, separated by semicolons at the end of a line
 */
public record Migration(int version, String description, String sql) {

    /**
     * Validates the fields.
     *
     * @param version the version
     * @param description the description
     * @param sql the statements
     */
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be positive: " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sql, "sql");
    }

    /**
     * Reads a migration's SQL from a resource next to a class of the component that owns it.
     *
     * @param version the version
     * @param description what the step does
     * @param anchor a class of the owning bundle
     * @param resource the resource path, absolute or relative to the anchor's package
     * @return the migration
     * @throws UncheckedIOException when the resource is missing or unreadable
     */
    public static Migration fromResource(int version, String description, Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("migration resource not found: " + resource));
            }
            return new Migration(version, description, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + resource, e);
        }
    }
}
