package dev.berth.haproxy.api;

import java.util.Objects;

/**
 * One server a route forwards to.
 *
 * @param address an IP address or a host name the proxy resolves when it loads its configuration
 * @param port the TCP port, 1 to 65535
 */
public record BackendServer(String address, int port) {

    /**
     * Validates the fields.
     *
     * @param address the address
     * @param port the port
     * @throws IllegalArgumentException when the address is blank or has characters no address has, or the port
     *     is out of range
     */
    public BackendServer {
        Objects.requireNonNull(address, "address");
        address = address.trim();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!address.matches("[A-Za-z0-9._:-]{1,253}")) {
            throw new IllegalArgumentException("not an IP address or host name: '" + address + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
        }
    }

    /**
     * Parses {@code address:port}; an IPv6 address is written in brackets ({@code [fd00::5]:8080}).
     *
     * @param text the text
     * @return the server
     * @throws IllegalArgumentException when the text is not {@code address:port}
     */
    public static BackendServer parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1 || (t.indexOf(':') != colon && !t.startsWith("["))) {
            throw new IllegalArgumentException("expected address:port (IPv6 as [address]:port), not '" + text + "'");
        }
        try {
            return new BackendServer(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of '" + text + "' is not a number", e);
        }
    }

    /**
     * Formats the server as HAProxy and {@link #parse(String)} read it.
     *
     * @return {@code address:port}, IPv6 in brackets
     */
    @Override
    public String toString() {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
