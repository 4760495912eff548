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
 * Writes Squid's side of the ICAP TLS link: the CA that signs the ICAP service's certificate, Squid's client
 * certificate chain and its key, mode 0600 in a 0700 directory on a memory-backed filesystem, replaced atomically.
 */
final class TlsFileWriter {

    private final Path dir;
    private final boolean requireMemoryFs;
    private final Optional<String> owner;

    /**
     * @param dir the directory
     * @param requireMemoryFs whether to refuse a directory on a persistent filesystem
     * @param owner the user Squid runs as, who must read the files, or empty
     */
    TlsFileWriter(Path dir, boolean requireMemoryFs, Optional<String> owner) {
        this.dir = dir;
        this.requireMemoryFs = requireMemoryFs;
        this.owner = owner;
    }

    SquidConfigRenderer.TlsFiles files() {
        return new SquidConfigRenderer.TlsFiles(dir.resolve("icap-ca.pem"), dir.resolve("squid-client.pem"),
                dir.resolve("squid-client.key"));
    }

    /**
     * Writes the files.
     *
     * @param client Squid's client certificate, key and Berth's CA
     * @return whether any file changed
     * @throws IOException when the directory is not memory-backed or a file cannot be written
     */
    boolean write(CertificateMaterial client) throws IOException {
        KeyFiles.ensureDirectory(dir, requireMemoryFs, "the ICAP client key");
        SquidConfigRenderer.TlsFiles f = files();
        boolean changed = write(f.ca(), client.rootPem());
        changed |= write(f.certificate(), client.chainPem());
        changed |= write(f.key(), client.privateKeyPem());
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
