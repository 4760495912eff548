package dev.berth.volumes.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A real tmpfs (the tests run as root, as Berth does). */
public class KernelMountsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void mountsATmpfsWithItsOwnerAndModeAndTakesItAway() throws Exception {
        assumeTrue("needs root", "root".equals(System.getProperty("user.name")));
        KernelMounts mounts = new KernelMounts();
        Path dir = temp.newFolder("with space").toPath();
        assertFalse(mounts.isMounted(dir));
        mounts.mount(dir, "64k", 0750, 1234, 1235);
        try {
            assertTrue(mounts.isMounted(dir));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals(1234, Files.getAttribute(dir, "unix:uid"));
            assertEquals(1235, Files.getAttribute(dir, "unix:gid"));
            Files.writeString(dir.resolve("f"), "x");
        } finally {
            mounts.unmount(dir);
        }
        assertFalse(mounts.isMounted(dir));
        assertFalse("the files went with the tmpfs", Files.exists(dir.resolve("f")));
        assertEquals("a b\\c", KernelMounts.unescape("a\\040b\\134c"));
    }
}
