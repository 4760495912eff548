package dev.berth.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateSets;
import dev.berth.ipam.api.IpPrefix;

/**
 * The database connection on Berth's TLS: the certificate manager issues the PostgreSQL server's certificate and
 * Berth's client certificate, and they are written where PostgreSQL and the JDBC driver read them — a
 * memory-backed directory, so that the private keys, encrypted in the certificate store, never lie in clear on
 * persistent disk. They are written again at every start and whenever a set is renewed.
 */
final class DatabaseTls {

    static final String SERVER_SET = "berth-db-server";
    static final String CLIENT_SET = "berth-db-client";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseTls.class);

    private final CertificateSets sets;
    private final Path dir;

    DatabaseTls(CertificateSets sets, Path runtimeDir) throws IOException {
        this.sets = sets;
        this.dir = runtimeDir;
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileStore store = Files.getFileStore(dir);
        if (!store.type().equals("tmpfs")) {
            LOG.warn("{} is on {} ({}), not in memory: the database's TLS keys are written to persistent disk; set "
                    + "BERTH_RUNTIME_DIR to a tmpfs directory such as /run/berth", dir, store.name(), store.type());
        }
    }

    /** Issues (or reuses) the server certificate and writes it for PostgreSQL, readable only by its account. */
    Path writeServer(OsUser postgres) throws IOException {
        CertificateMaterial m = material(CertificateSetSpec.server(SERVER_SET, List.of("localhost"),
                List.of(IpPrefix.parseAddress("127.0.0.1"), IpPrefix.parseAddress("::1"))));
        Path server = privateDir("postgres-tls");
        postgres.own(server);
        write(server.resolve("server.crt"), m.chainPem().getBytes(StandardCharsets.US_ASCII), postgres);
        write(server.resolve("server.key"), m.privateKeyPem().getBytes(StandardCharsets.US_ASCII), postgres);
        write(server.resolve("root.crt"), m.rootPem().getBytes(StandardCharsets.US_ASCII), postgres);
        return server;
    }

    /** Issues (or reuses) Berth's client certificate for database user {@code user} and writes it for pgjdbc. */
    Path writeClient(String user) throws IOException {
        CertificateMaterial m = material(CertificateSetSpec.client(CLIENT_SET, user));
        Path client = privateDir("db-client");
        write(client.resolve("client.crt"), m.chainPem().getBytes(StandardCharsets.US_ASCII), null);
        write(client.resolve("client.pk8"), m.privateKey().getEncoded(), null);
        write(client.resolve("root.crt"), m.rootPem().getBytes(StandardCharsets.US_ASCII), null);
        return client;
    }

    /**
     * The JDBC properties of a connection authenticated by a client certificate, verifying the server's.
     *
     * @param client a directory written by {@link #writeClient}, or one with the same files
     * @return the properties
     */
    static Properties clientProperties(Path client) {
        return clientProperties(client.resolve("root.crt"), client.resolve("client.crt"), client.resolve("client.pk8"));
    }

    static Properties clientProperties(Path rootCert, Path cert, Path key) {
        Properties p = new Properties();
        p.setProperty("ssl", "true");
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", rootCert.toString());
        p.setProperty("sslcert", cert.toString());
        p.setProperty("sslkey", key.toString());
        return p;
    }

    private CertificateMaterial material(CertificateSetSpec spec) {
        sets.ensure(spec);
        return sets.material(spec.name());
    }

    private Path privateDir(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    /** Writes atomically, mode 0600, for the given account (or Berth's own). */
    private static void write(Path file, byte[] content, OsUser owner) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, content);
        if (owner != null) {
            owner.own(tmp);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
