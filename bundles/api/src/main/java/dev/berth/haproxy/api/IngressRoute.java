package dev.berth.haproxy.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A route of the ingress proxy: HTTPS requests for one of its host names (and, when set, a path starting with its
 * prefix) go to its servers; TLS is terminated with the certificate set of that name.
 *
 * @param hosts the host names the route answers, lower case, at least one; the first one names the route
 * @param pathPrefix the path prefix, starting with {@code /}; empty for every path
 * @param servers the backend servers, at least one
 * @param certificateSet the name of the certificate set whose certificate the proxy presents for these hosts
 * @param healthPath the path of an HTTP health check ({@code GET}); empty for a TCP connect check
 * @param origin where the route comes from: {@code static} or {@code container:<name>}
 */
public record IngressRoute(List<String> hosts, String pathPrefix, List<BackendServer> servers, String certificateSet,
        String healthPath, String origin) {

    /** The origin of routes operators added. */
    public static final String STATIC = "static";

    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    private static final String HOST_NAME = LABEL + "(\\." + LABEL + ")*";

    /**
     * Validates and normalises the fields.
     *
     * @param hosts the host names
     * @param pathPrefix the path prefix or empty
     * @param servers the servers
     * @param certificateSet the certificate set name
     * @param healthPath the health check path or empty
     * @param origin the origin
     * @throws IllegalArgumentException when a field is invalid, with a message saying what is expected
     */
    public IngressRoute {
        if (Objects.requireNonNull(hosts, "hosts").isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one host name");
        }
        hosts = hosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String h : hosts) {
            if (h.length() > 253 || !h.matches(HOST_NAME)) {
                throw new IllegalArgumentException("not a host name: '" + h + "' (letters, digits, '-' and dots)");
            }
        }
        pathPrefix = checkPath("path prefix", pathPrefix);
        if (Objects.requireNonNull(servers, "servers").isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one backend server");
        }
        servers = List.copyOf(servers);
        Objects.requireNonNull(certificateSet, "certificateSet");
        if (!certificateSet.matches("[a-z0-9._-]{1,63}")) {
            throw new IllegalArgumentException("not a certificate set name: '" + certificateSet
                    + "' (1 to 63 lower-case letters, digits, '.', '_' or '-')");
        }
        healthPath = checkPath("health check path", healthPath);
        origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * A static route with the default certificate set ({@link #defaultCertificateSet(String)}) and a TCP check.
     *
     * @param host the host name
     * @param pathPrefix the path prefix or empty
     * @param servers the servers
     * @return the route
     */
    public static IngressRoute of(String host, String pathPrefix, List<BackendServer> servers) {
        return new IngressRoute(List.of(host), pathPrefix, servers, defaultCertificateSet(host), "", STATIC);
    }

    /**
     * The certificate set a route uses when none is named: {@code ingress.<host>}, cut to 63 characters.
     *
     * @param host the route's first host name
     * @return the set name
     */
    public static String defaultCertificateSet(String host) {
        String name = "ingress." + host.trim().toLowerCase(Locale.ROOT);
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /**
     * The route's key: its first host name and its path prefix. No two routes share one.
     *
     * @return {@code host} or {@code host/prefix}
     */
    public String key() {
        return hosts.get(0) + pathPrefix;
    }

    private static String checkPath(String what, String path) {
        String p = path == null ? "" : path.trim();
        if (!p.isEmpty() && !p.matches("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*")) {
            throw new IllegalArgumentException("the " + what + " must start with '/' and hold no spaces or quotes: '"
                    + path + "'");
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
