package dev.berth.certs.api;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Files holding private keys for a daemon that must read them from disk (HAProxy, Squid): a 0700 directory that
 * may be required to be memory-backed, and 0600 files replaced atomically, only when their content changes.
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * Creates the directory (0700) when missing and, when asked, refuses one that is not memory-backed.
     *
     * @param dir the directory
     * @param requireMemoryFs whether to refuse a directory on a persistent filesystem
     * @param what what would be written there, for the refusal, for example {@code private keys}
     * @throws IOException when the directory cannot be made, or is on a persistent filesystem
     */
    public static void ensureDirectory(Path dir, boolean requireMemoryFs, String what) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (requireMemoryFs) {
            String type = MemoryFilesystem.type(dir);
            if (!MemoryFilesystem.isMemoryBacked(type)) {
                throw new IOException("refusing to write " + what + " to " + dir + ": it is on a " + type
                        + " filesystem, not tmpfs or ramfs (set runtime.dir to a tmpfs such as /run/berth)");
            }
        }
    }

    /**
     * Replaces a file (mode 0600) by way of a temporary file in the same directory, unless it holds these bytes
     * already; the bytes are zeroed afterwards.
     *
     * @param target the file
     * @param bytes its new content, overwritten with zeros when done
     * @return whether the file changed
     * @throws IOException when it cannot be written
     */
    public static boolean writeIfChanged(Path target, byte[] bytes) throws IOException {
        try {
            if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return false;
            }
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
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
