package dev.berth.squid.internal;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders the reverse-proxy part of {@code squid.conf}: accelerator ports that pick the published container by the
 * request's host name (one {@code cache_peer ... originserver} per container, chosen by {@code cache_peer_access}
 * with a {@code dstdomain} ACL), refuse every other host with 403, and never go direct, so they are no open proxy.
 */
final class ReverseRenderer {

    /**
     * What the reverse proxy publishes.
     *
     * @param sites the published containers
     * @param tls the HTTPS port's certificate chain and key (for every published host name), or empty: no HTTPS
     */
    record Publication(List<PublishedSite> sites, Optional<SquidConfigRenderer.TlsFiles> tls) {

        /** Nothing published. */
        static final Publication NONE = new Publication(List.of(), Optional.empty());

        Publication {
            sites = List.copyOf(sites);
        }

        /** @return every published host name, sorted */
        List<String> hosts() {
            return List.copyOf(new TreeSet<>(sites.stream().flatMap(s -> s.hosts().stream()).toList()));
        }
    }

    private static final String HTTP = "berth_reverse_http";
    private static final String HTTPS = "berth_reverse_https";

    private ReverseRenderer() {
    }

    /** The accelerator ports; HTTPS only with a certificate, which needs at least one published host. */
    static void ports(StringBuilder b, ReverseSettings r, Publication p) {
        if (r.http()) {
            b.append("http_port ").append(SquidConfigRenderer.hostPort(r.address(), r.httpPort())).append(" accel vhost name=")
                    .append(HTTP).append('\n');
        }
        if (https(r, p)) {
            SquidConfigRenderer.TlsFiles t = p.tls().get();
            b.append("https_port ").append(SquidConfigRenderer.hostPort(r.address(), r.httpsPort())).append(" accel vhost name=")
                    .append(HTTPS).append(" tls-cert=").append(t.certificate()).append(" tls-key=").append(t.key())
                    .append('\n');
        }
    }

    /**
     * The peers and the access rules; they come before the forward proxy's, so that a request on a reverse port is
     * decided here. Requests for a published name go to its container on every port (never direct), so that a
     * forward-proxy client cannot put another origin's answer into the cache under that name.
     */
    static void access(StringBuilder b, ReverseSettings r, Publication p) {
        List<String> ports = r.http() && https(r, p) ? List.of(HTTP, HTTPS)
                : r.http() ? List.of(HTTP) : https(r, p) ? List.of(HTTPS) : List.of();
        if (ports.isEmpty()) {
            return;
        }
        b.append("acl berth_reverse myportname ").append(String.join(" ", ports)).append('\n');
        int n = 0;
        for (PublishedSite s : p.sites()) {
            String name = "berth_site_" + ++n;
            b.append("# ").append(s.origin()).append('\n');
            b.append("cache_peer ").append(s.address()).append(" parent ").append(s.port())
                    .append(" 0 no-query no-digest originserver round-robin name=").append(name).append('\n');
            b.append("acl ").append(name).append(" dstdomain ").append(String.join(" ", s.hosts())).append('\n');
            b.append("cache_peer_access ").append(name).append(" allow ").append(name).append('\n');
            b.append("cache_peer_access ").append(name).append(" deny all\n");
        }
        if (!p.sites().isEmpty()) {
            b.append("acl berth_published dstdomain ").append(String.join(" ", p.hosts())).append('\n');
            b.append("never_direct allow berth_published\n");
            b.append("http_access allow berth_reverse berth_published\n");
        }
        b.append("never_direct allow berth_reverse\n");
        b.append("http_access deny berth_reverse\n");
    }

    private static boolean https(ReverseSettings r, Publication p) {
        return r.https() && p.tls().isPresent() && !p.sites().isEmpty();
    }
}
