package dev.berth.squid.internal;

import java.util.List;

/**
 * A container published through the reverse proxy: requests for its host names go to its address and port, through
 * the WAF.
 *
 * @param hosts the host names it answers, lower case, at least one
 * @param address the container's IP address
 * @param port the container's port
 * @param origin where it came from, for example {@code container:web}
 */
public record PublishedSite(List<String> hosts, String address, int port, String origin) {

    /**
     * Copies the host names.
     *
     * @param hosts the host names
     * @param address the address
     * @param port the port
     * @param origin the origin
     */
    public PublishedSite {
        hosts = List.copyOf(hosts);
    }

    /** @return {@code address:port}, IPv6 addresses in brackets */
    public String backend() {
        return SquidConfigRenderer.hostPort(address, port);
    }
}
