package dev.berth.certs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.vault.MasterKey;

/** Where the master key comes from: the configuration (BERTH_MASTER_KEY) or a key file readable only by root. */
final class MasterKeys {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);

    /** The key and, when it came from a file, that file (where a rotation writes the new key). */
    record Source(MasterKey key, Optional<Path> file) {
    }

    private MasterKeys() {
    }

    static Source load(CertsSettings s) throws IOException {
        if (!s.masterKey().isEmpty()) {
            try {
                return new Source(MasterKey.parse(s.masterKey()), Optional.empty());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("BERTH_MASTER_KEY (dev.berth.certs master.key): " + e.getMessage(), e);
            }
        }
        Path file = s.masterKeyFile();
        if (Files.exists(file)) {
            return new Source(MasterKey.load(file), Optional.of(file));
        }
        boolean newStore = !Files.exists(s.vaultDir().resolve(".verifier"));
        if (s.createMasterKey() && newStore) {
            MasterKey key = MasterKey.generate();
            write(file, key);
            LOG.warn("Generated a new master key in {}: keep a copy away from this host, without it the "
                    + "certificate store cannot be opened", file);
            return new Source(key, Optional.of(file));
        }
        throw new IllegalStateException("the certificate manager needs Berth's master key and has none: set "
                + "BERTH_MASTER_KEY in .env to base64 of 32 random bytes (head -c 32 /dev/urandom | base64), or put "
                + "that in " + file + " (mode 0600, owned by root)"
                + (newStore ? "" : "; the certificate store " + s.vaultDir() + " exists, so it must be the key it was "
                        + "created with"));
    }

    /** Writes a key file atomically, mode 0600, creating its directory (mode 0700). */
    static void write(Path file, MasterKey key) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        Path tmp = dir.resolve("." + file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap((key.toBase64() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (var d = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
