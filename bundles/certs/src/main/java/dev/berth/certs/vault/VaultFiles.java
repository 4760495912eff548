package dev.berth.certs.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.berth.certs.crypto.Aead;

/** File operations of the vault: names checked, every write atomic and durable, files 0600, directories 0700. */
final class VaultFiles {

    /** A segment never starts with '.', so the vault's own files (".verifier", ...) cannot be named. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_%~+=-][A-Za-z0-9._%~+=-]{0,254}");
    static final String TEMPORARY = ".tmp-";

    private VaultFiles() {
    }

    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a vault name must not be empty");
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("invalid vault name '" + name + "': segments are letters, digits "
                        + "and ._%~+=- and do not start with '.'");
            }
        }
        return name;
    }

    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Writes through a temporary file, forces it to disk, renames it over the target and forces the directory. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        createDirectories(dir);
        Path tmp = dir.resolve(TEMPORARY + HexFormat.of().formatHex(Aead.random(8)));
        try (FileChannel out = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
    }

    static void deleteDurably(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.getParent());
        }
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
