package dev.berth.squid.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.MemoryFilesystem;

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
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (requireMemoryFs) {
            String type = MemoryFilesystem.type(dir);
            if (!MemoryFilesystem.isMemoryBacked(type)) {
                throw new IOException("refusing to write the ICAP client key to " + dir + ": it is on a " + type
                        + " filesystem, not tmpfs or ramfs (set runtime.dir to a tmpfs such as /run/berth)");
            }
        }
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

    private boolean write(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        try {
            if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return false;
            }
            Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
