package dev.berth.admin.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A read-only table for operators: served as JSON on {@code GET /api/v1/<name>} of the certificate manager's
 * mutual-TLS port, to administrators only, and drawn as a table on the web page {@code /console/}. A resource
 * comes and goes with the bundle that registers it.
 *
 * <p>Register it with the service properties {@link #NAME} and {@link #TITLE}: the server lists resources from
 * their properties and asks a resource for its rows only when someone reads it.
 */
@ConsumerType
public interface AdminResource {

    /** Service property: the resource's name, a path segment ({@code [a-z][a-z0-9-]*}). */
    String NAME = "berth.admin.resource";

    /** Service property: a short title for the web page. */
    String TITLE = "berth.admin.title";

    /**
     * Returns the rows, each a map from column name to a value Jackson can write (strings, numbers, booleans,
     * lists of those); columns keep the map's order.
     *
     * @return the rows now
     */
    List<Map<String, Object>> rows();
}
