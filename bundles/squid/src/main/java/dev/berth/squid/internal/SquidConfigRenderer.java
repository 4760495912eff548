package dev.berth.squid.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Renders {@code squid.conf}: a forward caching proxy in Berth's own directories, and the reverse proxy of the
 * published containers when that mode is on, whose requests (REQMOD) and responses (RESPMOD) all go through Berth's
 * ICAP service, before caching, failing closed unless bypass is set.
 * Deterministic: the same settings give the same text.
 */
final class SquidConfigRenderer {

    /** The name Squid checks the ICAP service's certificate for. */
    static final String ICAP_TLS_NAME = "icap.berth.internal";

    /**
     * The files of the ICAP client side of TLS.
     *
     * @param ca the CA certificate that signs the ICAP service's certificate
     * @param certificate Squid's client certificate chain
     * @param key Squid's client key
     */
    record TlsFiles(Path ca, Path certificate, Path key) {
    }

    private SquidConfigRenderer() {
    }

    /**
     * Renders the configuration.
     *
     * @param s the settings
     * @param tls the client TLS files; empty for plain ICAP
     * @param runAsUser the user to drop to (when Berth runs as root), or empty
     * @param published what the reverse proxy publishes (ignored when the reverse mode is off)
     * @return the text
     */
    static String render(SquidSettings s, Optional<TlsFiles> tls, Optional<String> runAsUser,
            ReverseRenderer.Publication published) {
        StringBuilder b = new StringBuilder();
        b.append("# Squid configuration written by Berth (dev.berth.squid); edits are overwritten. See docs/squid.md.\n");
        b.append("http_port ").append(hostPort(s.httpAddress(), s.httpPort())).append('\n');
        ReverseRenderer.ports(b, s.reverse(), published);
        b.append("visible_hostname berth-squid\n");
        b.append("pid_filename ").append(s.pidFile()).append('\n');
        b.append("cache_log ").append(s.logDir().resolve("cache.log")).append('\n');
        b.append("access_log stdio:").append(s.logDir().resolve("access.log")).append(" squid\n");
        b.append("cache_store_log none\n");
        b.append("coredump_dir ").append(s.workDir()).append('\n');
        runAsUser.ifPresent(u -> b.append("cache_effective_user ").append(u).append('\n'));
        b.append("cache_mem ").append(s.cacheMemMb()).append(" MB\n");
        b.append("maximum_object_size ").append(s.maxObjectKb()).append(" KB\n");
        b.append("maximum_object_size_in_memory ").append(Math.min(s.maxObjectKb(), 1024)).append(" KB\n");
        if (s.cacheDiskMb() > 0) {
            b.append("cache_dir ufs ").append(s.cacheDir()).append(' ').append(s.cacheDiskMb()).append(" 16 256\n");
        }
        b.append("shutdown_lifetime 1 seconds\n");
        b.append("pinger_enable off\n");
        b.append("icp_port 0\n");
        b.append("htcp_port 0\n");
        ReverseRenderer.access(b, s.reverse(), published);
        b.append("acl berth_clients src ").append(String.join(" ", s.allowedClients())).append('\n');
        b.append("acl SSL_ports port 443\n");
        b.append("acl Safe_ports port 80 443 1025-65535\n");
        b.append("acl CONNECT method CONNECT\n");
        b.append("http_access deny !Safe_ports\n");
        b.append("http_access deny CONNECT !SSL_ports\n");
        b.append("http_access allow berth_clients\n");
        b.append("http_access deny all\n");
        b.append("icap_enable on\n");
        b.append("icap_send_client_ip on\n");
        b.append("icap_preview_enable on\n");
        b.append("icap_persistent_connections on\n");
        service(b, s, tls, "berth_waf_req", "reqmod_precache", "reqmod");
        service(b, s, tls, "berth_waf_resp", "respmod_precache", "respmod");
        b.append("adaptation_access berth_waf_req allow all\n");
        b.append("adaptation_access berth_waf_resp allow all\n");
        return b.toString();
    }

    private static void service(StringBuilder b, SquidSettings s, Optional<TlsFiles> tls, String name, String point,
            String path) {
        b.append("icap_service ").append(name).append(' ').append(point).append(" bypass=")
                .append(s.icapBypass() ? "on" : "off").append(' ')
                .append(tls.isPresent() ? "icaps://" : "icap://").append(hostPort(s.icapAddress(), s.icapPort()))
                .append('/').append(path);
        tls.ifPresent(t -> b.append(" tls-cafile=").append(t.ca()).append(" tls-cert=").append(t.certificate())
                .append(" tls-key=").append(t.key()).append(" tls-domain=").append(ICAP_TLS_NAME));
        b.append('\n');
    }

    static String hostPort(String address, int port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    /**
     * A short digest of a configuration.
     *
     * @param config the text
     * @return 16 hex digits of its SHA-256
     */
    static String hash(String config) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(config.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
