package dev.berth.haproxy.internal;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.api.MemoryFilesystem;

public class CertificateFilesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void keysAreNotWrittenToAPersistentDisk() throws IOException {
        Path dir = tmp.newFolder().toPath();
        String type = MemoryFilesystem.type(dir);
        org.junit.Assume.assumeFalse("the temporary directory is on " + type, MemoryFilesystem.isMemoryBacked(type));
        CertificateFiles files = new CertificateFiles(dir.resolve("certs"), true);
        IOException e = org.junit.Assert.assertThrows(IOException.class,
                () -> files.write("s", new TestCaHolder().material()));
        assertTrue(e.getMessage(), e.getMessage().contains("refusing to write private keys"));
        assertTrue(Files.notExists(files.file("s")));
    }

    /** Makes one certificate lazily, so the first test needs no CA. */
    private static final class TestCaHolder {
        dev.berth.certs.api.CertificateMaterial material() {
            try {
                return new TestCa().server(List.of("s.test"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
