package dev.berth.certs.api;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KeyFilesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aKeyFileIsWrittenPrivatelyOnlyWhenItChangesAndTheBytesAreZeroed() throws IOException {
        Path dir = temp.getRoot().toPath().resolve("keys");
        KeyFiles.ensureDirectory(dir, false, "keys");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Path key = dir.resolve("k.pem");

        byte[] first = "secret-1".getBytes(StandardCharsets.US_ASCII);
        assertTrue(KeyFiles.writeIfChanged(key, first));
        assertArrayEquals(new byte[first.length], first);
        assertEquals("secret-1", Files.readString(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertFalse("the same content is not written again",
                KeyFiles.writeIfChanged(key, "secret-1".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(KeyFiles.writeIfChanged(key, "secret-2".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("secret-2", Files.readString(key));
        try (var files = Files.list(dir)) {
            assertEquals("no temporary file is left", 1, files.count());
        }
    }

    @Test
    public void aDirectoryOnAPersistentFilesystemIsRefusedWhenMemoryIsRequired() throws IOException {
        Path dir = temp.newFolder().toPath();
        String type = MemoryFilesystem.type(dir);
        Assume.assumeFalse("the temporary directory is on " + type, MemoryFilesystem.isMemoryBacked(type));
        IOException e = assertThrows(IOException.class, () -> KeyFiles.ensureDirectory(dir, true, "the keys"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("refusing to write the keys to " + dir));
    }
}
