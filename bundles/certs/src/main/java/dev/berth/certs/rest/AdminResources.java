package dev.berth.certs.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operators' tables that the capabilities registered ({@link dev.berth.admin.api.AdminResource}). */
public interface AdminResources {

    /**
     * A resource, as its service properties describe it.
     *
     * @param name its path segment
     * @param title its title on the web page
     */
    record Entry(String name, String title) {
    }

    /**
     * Lists the resources present now.
     *
     * @return the resources, ordered by name
     */
    List<Entry> list();

    /**
     * Reads a resource's rows.
     *
     * @param name the resource
     * @return its rows, or empty when there is no such resource (any more)
     */
    Optional<List<Map<String, Object>>> rows(String name);
}
