package dev.berth.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;

import dev.berth.certs.api.CertificateSets;

/**
 * How the database connection is secured: {@code berth} (certificates from Berth's CA, the default),
 * {@code files} (an external server with certificates the operator names), or {@code off}.
 */
final class ConnectionTls {

    /** No TLS: the URL and the password as configured (tests, servers without TLS). */
    static final ConnectionTls OFF = new ConnectionTls("off", null, null, null, null);

    private final String mode;
    private final DatabaseTls berth;
    private final Path rootCert;
    private final Path cert;
    private final Path key;
    private volatile String clientUser = EmbeddedPostgres.SUPERUSER;

    private ConnectionTls(String mode, DatabaseTls berth, Path rootCert, Path cert, Path key) {
        this.mode = mode;
        this.berth = berth;
        this.rootCert = rootCert;
        this.cert = cert;
        this.key = key;
    }

    static ConnectionTls of(StoreConfiguration c, CertificateSets sets) throws IOException {
        switch (c.tls()) {
            case "berth":
                return new ConnectionTls("berth", new DatabaseTls(sets, Path.of(c.runtime_dir())), null, null, null);
            case "files":
                if (c.ssl_root_cert().isBlank() || c.ssl_cert().isBlank() || c.ssl_key().isBlank()) {
                    throw new IllegalArgumentException("dev.berth.store: tls = files needs ssl.root.cert, ssl.cert and "
                            + "ssl.key (BERTH_DB_SSLROOTCERT, BERTH_DB_SSLCERT, BERTH_DB_SSLKEY)");
                }
                return new ConnectionTls("files", null, Path.of(c.ssl_root_cert()), Path.of(c.ssl_cert()),
                        Path.of(c.ssl_key()));
            case "off":
                return OFF;
            default:
                throw new IllegalArgumentException("dev.berth.store: tls must be berth, files or off, not '" + c.tls()
                        + "'");
        }
    }

    /** The embedded server's TLS, or {@code null} for password authentication. */
    EmbeddedPostgres.Tls embedded() {
        if (berth == null) {
            return null;
        }
        return new EmbeddedPostgres.Tls() {
            @Override
            public Path server(OsUser postgres) throws IOException {
                return berth.writeServer(postgres);
            }

            @Override
            public String client() throws IOException {
                return parameters(DatabaseTls.clientProperties(berth.writeClient(EmbeddedPostgres.SUPERUSER)));
            }
        };
    }

    /** The URL of an external server, with the TLS parameters of this mode appended. */
    String external(String url, String user) throws IOException {
        Properties p;
        switch (mode) {
            case "berth" -> {
                clientUser = user;
                p = DatabaseTls.clientProperties(berth.writeClient(user));
            }
            case "files" -> p = DatabaseTls.clientProperties(rootCert, cert, key);
            default -> {
                return url;
            }
        }
        return url + (url.contains("?") ? "&" : "?") + parameters(p);
    }

    /** Writes a renewed client certificate where the driver reads it. */
    void refreshClient() throws IOException {
        if (berth != null) {
            berth.writeClient(clientUser);
        }
    }

    private static String parameters(Properties p) {
        return p.stringPropertyNames().stream().sorted().map(k -> k + "=" + p.getProperty(k))
                .collect(Collectors.joining("&"));
    }
}
