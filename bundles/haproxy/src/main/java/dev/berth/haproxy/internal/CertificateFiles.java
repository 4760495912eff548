package dev.berth.haproxy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.KeyFiles;

/**
 * The PEM files HAProxy loads: per certificate set the chain then the private key in one file ({@code crt}), mode
 * 0600 in a 0700 directory that must be on a memory-backed filesystem, so that keys never reach a disk. Files are
 * replaced atomically.
 */
final class CertificateFiles {

    private final Path dir;
    private final boolean requireMemoryFs;

    /**
     * @param dir the directory of the PEM files
     * @param requireMemoryFs whether to refuse a directory on a persistent filesystem
     */
    CertificateFiles(Path dir, boolean requireMemoryFs) {
        this.dir = dir;
        this.requireMemoryFs = requireMemoryFs;
    }

    Path file(String set) {
        return dir.resolve(set + ".pem");
    }

    /**
     * Writes a set's PEM file unless it already holds the same material.
     *
     * @param set the set's name
     * @param material its certificate, chain and key
     * @return whether the file changed
     * @throws IOException when the directory is not memory-backed or the file cannot be written
     */
    boolean write(String set, CertificateMaterial material) throws IOException {
        KeyFiles.ensureDirectory(dir, requireMemoryFs, "private keys");
        return KeyFiles.writeIfChanged(file(set),
                (material.chainPem() + material.privateKeyPem()).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Deletes the PEM files of sets no longer used.
     *
     * @param keep the sets in use
     * @throws IOException when the directory cannot be read
     */
    void retain(Set<String> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pem")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!keep.contains(name.substring(0, name.length() - 4))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
