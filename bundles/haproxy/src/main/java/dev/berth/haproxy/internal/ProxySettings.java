package dev.berth.haproxy.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;

/**
 * The proxy's settings, checked.
 *
 * @param enabled whether HAProxy runs
 * @param binary the HAProxy executable
 * @param runtimeDir Berth's memory-backed runtime directory; the proxy works in its {@code haproxy/}
 * @param httpsAddress the HTTPS bind address
 * @param httpsPort the HTTPS port
 * @param httpAddress the HTTP bind address
 * @param httpPort the HTTP port
 * @param httpRedirect whether the HTTP redirect frontend runs
 * @param hstsSeconds the HSTS max-age, 0 for none
 * @param backendNetwork the preferred Docker network of label routes, or empty
 * @param staticRoutes the routes from the configuration
 * @param requireMemoryFs whether keys may only be written to tmpfs or ramfs
 * @param resync the interval of full re-reads
 * @param timeout how long HAProxy may take for one operation
 */
record ProxySettings(boolean enabled, Path binary, Path runtimeDir, String httpsAddress, int httpsPort,
        String httpAddress, int httpPort, boolean httpRedirect, int hstsSeconds, String backendNetwork,
        List<IngressRoute> staticRoutes, boolean requireMemoryFs, Duration resync, Duration timeout) {

    ProxySettings {
        staticRoutes = List.copyOf(staticRoutes);
        checkPort("https.port", httpsPort);
        checkPort("http.port", httpPort);
        checkAddress("https.address", httpsAddress);
        checkAddress("http.address", httpAddress);
        if (!runtimeDir.isAbsolute()) {
            throw new IllegalArgumentException("dev.berth.haproxy: runtime.dir must be an absolute path: "
                    + runtimeDir);
        }
        if (hstsSeconds < 0) {
            throw new IllegalArgumentException("dev.berth.haproxy: hsts.seconds must not be negative");
        }
        if (resync.isNegative() || resync.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "dev.berth.haproxy: resync.seconds and timeout.seconds must be positive");
        }
    }

    /**
     * Reads the configuration.
     *
     * @param c the configuration
     * @return the settings
     * @throws IllegalArgumentException with the setting at fault
     */
    static ProxySettings from(ProxyConfiguration c) {
        return new ProxySettings(c.enabled(), Path.of(c.haproxy_binary().trim()), Path.of(c.runtime_dir().trim()),
                c.https_address().trim(), c.https_port(), c.http_address().trim(), c.http_port(), c.http_redirect(),
                c.hsts_seconds(), c.backend_network().trim(), parseRoutes(c.static_routes()), c.require_memory_fs(),
                Duration.ofSeconds(c.resync_seconds()), Duration.ofSeconds(c.timeout_seconds()));
    }

    /** The directory the proxy owns: configuration, sockets, PID file, log and certificates. */
    Path workDir() {
        return runtimeDir.resolve("haproxy");
    }

    /**
     * Parses static routes {@code host[/path]=address:port[,address:port...]}, several per element separated by ';'.
     *
     * @param elements the configured values
     * @return the routes
     * @throws IllegalArgumentException naming the route at fault
     */
    static List<IngressRoute> parseRoutes(String[] elements) {
        List<IngressRoute> routes = new ArrayList<>();
        for (String element : elements == null ? new String[0] : elements) {
            for (String spec : element.split(";")) {
                if (spec.isBlank()) {
                    continue;
                }
                int eq = spec.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("dev.berth.haproxy: static route '" + spec.trim()
                            + "' is not host[/path]=address:port[,address:port...]");
                }
                String target = spec.substring(0, eq).trim();
                int slash = target.indexOf('/');
                String host = slash < 0 ? target : target.substring(0, slash);
                String path = slash < 0 ? "" : target.substring(slash);
                try {
                    List<BackendServer> servers = new ArrayList<>();
                    for (String s : spec.substring(eq + 1).split(",")) {
                        servers.add(BackendServer.parse(s));
                    }
                    routes.add(IngressRoute.of(host, path, servers));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("dev.berth.haproxy: static route '" + spec.trim() + "': "
                            + e.getMessage(), e);
                }
            }
        }
        return routes;
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("dev.berth.haproxy: " + name + " must be 1 to 65535, not " + port);
        }
    }

    private static void checkAddress(String name, String address) {
        if (!address.matches("[0-9A-Fa-f.:]+")) {
            throw new IllegalArgumentException("dev.berth.haproxy: " + name + " must be an IP address, not '"
                    + address + "'");
        }
    }
}
