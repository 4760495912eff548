package dev.berth.haproxy.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;

/**
 * Renders haproxy.cfg from the settings and the routes. The same input always gives the same text, so a hash of it
 * tells whether anything changed. The text names certificate files but never holds a key.
 */
final class ConfigRenderer {

    /** Mozilla's "intermediate" TLS 1.2 ciphers; TLS 1.3 uses OpenSSL's default suites. */
    static final String CIPHERS = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            + "ECDHE-RSA-CHACHA20-POLY1305";

    private final ProxySettings settings;

    ConfigRenderer(ProxySettings settings) {
        this.settings = settings;
    }

    /**
     * Renders the configuration.
     *
     * @param routes the routes to serve, each with a certificate file
     * @param certificateFiles the PEM file (chain and key) of each certificate set the routes use
     * @return the text
     */
    String render(List<IngressRoute> routes, Map<String, Path> certificateFiles) {
        Path dir = settings.workDir();
        List<IngressRoute> sorted = routes.stream().sorted(Comparator.comparing(IngressRoute::key)).toList();
        StringBuilder c = new StringBuilder();
        c.append("# Rendered by Berth (dev.berth.haproxy); changes here are overwritten.\n");
        c.append("global\n");
        c.append("    stats socket ").append(dir.resolve("admin.sock"))
                .append(" mode 600 level admin expose-fd listeners\n");
        c.append("    stats timeout 30s\n");
        c.append("    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets\n");
        c.append("    ssl-default-bind-ciphers ").append(CIPHERS).append('\n');
        c.append("\ndefaults\n");
        c.append("    mode http\n");
        c.append("    option forwardfor\n");
        c.append("    option redispatch\n");
        c.append("    retries 2\n");
        c.append("    timeout connect 5s\n");
        c.append("    timeout client 30s\n");
        c.append("    timeout server 30s\n");
        c.append("    timeout http-request 10s\n");
        c.append("    timeout http-keep-alive 10s\n");
        c.append("    timeout queue 30s\n");
        List<String> backends = backendNames(sorted);
        if (!sorted.isEmpty()) {
            c.append("\nfrontend https\n");
            c.append("    bind ").append(bind(settings.httpsAddress(), settings.httpsPort())).append(" ssl");
            for (String set : new TreeSet<>(sorted.stream().map(IngressRoute::certificateSet).toList())) {
                c.append(" crt ").append(certificateFiles.get(set));
            }
            c.append(" alpn h2,http/1.1\n");
            c.append("    http-request set-header X-Forwarded-Proto https\n");
            if (settings.hstsSeconds() > 0) {
                c.append("    http-response set-header Strict-Transport-Security \"max-age=")
                        .append(settings.hstsSeconds()).append("\"\n");
            }
            for (int i = 0; i < sorted.size(); i++) {
                IngressRoute r = sorted.get(i);
                c.append("    acl host_").append(i).append(" req.hdr(host),lower,field(1,:) -m str ")
                        .append(String.join(" ", r.hosts())).append('\n');
                if (!r.pathPrefix().isEmpty()) {
                    c.append("    acl path_").append(i).append(" path ").append(r.pathPrefix()).append('\n');
                    c.append("    acl path_").append(i).append(" path_beg ").append(r.pathPrefix()).append("/\n");
                }
            }
            // Longer path prefixes first, so that /api/v2 wins over /api and both over the host alone.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingInt((Integer i) -> -sorted.get(i).pathPrefix().length())
                    .thenComparing(i -> i));
            for (int i : order) {
                c.append("    use_backend ").append(backends.get(i)).append(" if host_").append(i)
                        .append(sorted.get(i).pathPrefix().isEmpty() ? "" : " path_" + i).append('\n');
            }
        }
        if (settings.httpRedirect()) {
            c.append("\nfrontend http\n");
            c.append("    bind ").append(bind(settings.httpAddress(), settings.httpPort())).append('\n');
            c.append("    http-request redirect scheme https code 301\n");
        }
        for (int i = 0; i < sorted.size(); i++) {
            IngressRoute r = sorted.get(i);
            c.append("\nbackend ").append(backends.get(i)).append('\n');
            c.append("    balance roundrobin\n");
            if (!r.healthPath().isEmpty()) {
                c.append("    option httpchk\n");
                c.append("    http-check send meth GET uri ").append(r.healthPath()).append(" ver HTTP/1.1 hdr Host ")
                        .append(r.hosts().get(0)).append('\n');
                c.append("    http-check expect status 200-399\n");
            }
            int n = 1;
            for (BackendServer s : r.servers()) {
                c.append("    server s").append(n++).append(' ').append(s).append(" check\n");
            }
        }
        return c.toString();
    }

    /** HAProxy names may hold letters, digits, '-', '_', '.' and ':'; the route's key made so, unique. */
    static List<String> backendNames(List<IngressRoute> sorted) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (IngressRoute r : sorted) {
            String base = "route_" + r.key().replaceAll("[^A-Za-z0-9._-]", "_");
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            names.add(name);
        }
        return names;
    }

    private static String bind(String address, int port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
