package dev.berth.squid.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.KeyFiles;

/**
 * Writes a certificate Squid presents: the CA, the certificate chain and its key, mode 0600 in a 0700 directory on a
 * memory-backed filesystem, replaced atomically. Squid's side of the ICAP TLS link (the CA that signs the ICAP
 * service's certificate, Squid's client certificate), and the reverse proxy's HTTPS certificate.
 */
final class TlsFileWriter {

    private final Path dir;
    private final SquidConfigRenderer.TlsFiles files;
    private final boolean requireMemoryFs;
    private final Optional<String> owner;

    /**
     * The ICAP client's files: {@code icap-ca.pem}, {@code squid-client.pem}, {@code squid-client.key}.
     *
     * @param dir the directory
     * @param requireMemoryFs whether to refuse a directory on a persistent filesystem
     * @param owner the user Squid runs as, who must read the files, or empty
     */
    TlsFileWriter(Path dir, boolean requireMemoryFs, Optional<String> owner) {
        this(new SquidConfigRenderer.TlsFiles(dir.resolve("icap-ca.pem"), dir.resolve("squid-client.pem"),
                dir.resolve("squid-client.key")), requireMemoryFs, owner);
    }

    /**
     * @param files the files, all in one directory
     * @param requireMemoryFs whether to refuse a directory on a persistent filesystem
     * @param owner the user Squid runs as, who must read the files, or empty
     */
    TlsFileWriter(SquidConfigRenderer.TlsFiles files, boolean requireMemoryFs, Optional<String> owner) {
        this.dir = files.key().getParent();
        this.files = files;
        this.requireMemoryFs = requireMemoryFs;
        this.owner = owner;
    }

    SquidConfigRenderer.TlsFiles files() {
        return files;
    }

    /**
     * Writes the files.
     *
     * @param material the certificate, its key and Berth's CA
     * @return whether any file changed
     * @throws IOException when the directory is not memory-backed or a file cannot be written
     */
    boolean write(CertificateMaterial material) throws IOException {
        KeyFiles.ensureDirectory(dir, requireMemoryFs, "Squid's private keys");
        boolean changed = write(files.ca(), material.rootPem());
        changed |= write(files.certificate(), material.chainPem());
        changed |= write(files.key(), material.privateKeyPem());
        if (owner.isPresent()) {
            Ownership.giveAll(dir, owner.get());
        }
        return changed;
    }

    /** Deletes the files and the directory. */
    void delete() throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static boolean write(Path target, String text) throws IOException {
        return KeyFiles.writeIfChanged(target, text.getBytes(StandardCharsets.US_ASCII));
    }
}
