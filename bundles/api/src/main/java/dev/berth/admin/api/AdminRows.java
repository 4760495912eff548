package dev.berth.admin.api;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.berth.ipam.api.IpPrefix;

/**
 * Builds a row of an {@link AdminResource}: values become what JSON and the page show as they are (strings,
 * numbers, booleans, lists and maps of those), columns keep their order.
 */
public final class AdminRows {

    private final Map<String, Object> row = new LinkedHashMap<>();

    private AdminRows() {
    }

    /**
     * Starts a row.
     *
     * @return an empty row
     */
    public static AdminRows row() {
        return new AdminRows();
    }

    /**
     * Adds a column.
     *
     * @param column its name
     * @param value its value, made plain ({@link #plain(Object)})
     * @return this row
     */
    public AdminRows put(String column, Object value) {
        row.put(column, plain(value));
        return this;
    }

    /**
     * Returns the row.
     *
     * @return the columns in the order they were put
     */
    public Map<String, Object> build() {
        return row;
    }

    /**
     * Makes a value plain: addresses in their short form, instants in ISO form, collections as lists, anything
     * else by its {@code toString()}.
     *
     * @param value the value
     * @return the plain value
     */
    public static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof InetAddress a) {
            return IpPrefix.format(a);
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(AdminRows::plain).toList();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        return value.toString();
    }

    /**
     * Shortens a long identifier as Docker shows it.
     *
     * @param id the identifier
     * @return its first 12 characters
     */
    public static String shortId(String id) {
        return id == null || id.length() <= 12 ? id : id.substring(0, 12);
    }
}
