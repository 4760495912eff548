package dev.berth.certs.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells which filesystem a directory is on, from {@code /proc/self/mountinfo}: private keys that a daemon must read
 * from a file (HAProxy, Squid) are written only where memory backs the files, never to a disk.
 */
public final class MemoryFilesystem {

    private MemoryFilesystem() {
    }

    /**
     * Whether a filesystem type keeps its files in memory only.
     *
     * @param type a type as {@link #type(Path)} gives it
     * @return true for tmpfs and ramfs
     */
    public static boolean isMemoryBacked(String type) {
        return "tmpfs".equals(type) || "ramfs".equals(type);
    }

    /**
     * Finds the type of the filesystem a path is on: that of the longest mount point above it.
     *
     * @param path an existing path
     * @return the type, for example {@code tmpfs}, or {@code unknown}
     * @throws IOException when the mount table cannot be read
     */
    public static String type(Path path) throws IOException {
        Path real = path.toRealPath();
        return type(real, Files.readAllLines(Path.of("/proc/self/mountinfo")));
    }

    /**
     * Finds the type of the filesystem of a resolved path in a mount table.
     *
     * @param real a path with no links
     * @param mountinfo the lines of a {@code mountinfo} file
     * @return the type, or {@code unknown}
     */
    public static String type(Path real, List<String> mountinfo) {
        String best = "unknown";
        int bestLength = -1;
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || dash + 1 >= f.length) {
                continue;
            }
            Path mountPoint = Path.of(f[4].replace("\\040", " "));
            if (real.startsWith(mountPoint) && mountPoint.toString().length() >= bestLength) {
                best = f[dash + 1];
                bestLength = mountPoint.toString().length();
            }
        }
        return best;
    }
}
