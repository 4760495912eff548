package dev.berth.certs.api;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

public class MemoryFilesystemTest {

    private static final List<String> MOUNTINFO = List.of(
            "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "25 22 0:21 / /run rw,nosuid shared:5 - tmpfs tmpfs rw,size=1g",
            "26 25 0:22 / /run/berth/data rw shared:6 - ext4 /dev/vdb rw");

    @Test
    public void longestMountPointWins() {
        assertEquals("ext4", MemoryFilesystem.type(Path.of("/var/lib"), MOUNTINFO));
        assertEquals("tmpfs", MemoryFilesystem.type(Path.of("/run/berth/haproxy"), MOUNTINFO));
        assertEquals("ext4", MemoryFilesystem.type(Path.of("/run/berth/data/x"), MOUNTINFO));
    }
}
