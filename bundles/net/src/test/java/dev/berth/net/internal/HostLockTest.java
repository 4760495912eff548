package dev.berth.net.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class HostLockTest {

    /** Holds the lock in another process, as a second Berth would, and exits when told. */
    public static void main(String[] args) throws Exception {
        try (HostLock lock = HostLock.acquire(Path.of(args[0]), "pid " + ProcessHandle.current().pid())) {
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    public void aSecondBerthOnTheHostIsRefusedUntilTheFirstIsGone() throws Exception {
        Path file = Files.createTempDirectory("hostlock").resolve("network.lock");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HostLockTest.class.getName(), file.toString()).start();
        try {
            byte[] line = other.getInputStream().readNBytes(7);
            assertEquals("locked\n", new String(line));
            IllegalStateException refused = org.junit.Assert.assertThrows(IllegalStateException.class,
                    () -> HostLock.acquire(file, "me"));
            assertTrue(refused.getMessage(), refused.getMessage().contains("another Berth manages this host's networks (pid "
                    + other.pid()));
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        // the kernel released the dead process's lock
        try (HostLock mine = HostLock.acquire(file, "me")) {
            assertEquals(List.of("me"), Files.readAllLines(file));
        }
    }

    @Test
    public void theDefaultLockIsPerNetworkNamespace() throws Exception {
        String inode = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString()
                .replaceAll("[^0-9]", "");
        org.junit.Assert.assertEquals(Path.of("/run/berth/network-" + inode + ".lock"),
                NetworkDriverService.lockFile("/run/berth/network-{netns}.lock"));
        org.junit.Assert.assertEquals(Path.of("/tmp/fixed.lock"), NetworkDriverService.lockFile("/tmp/fixed.lock"));
    }
}
