package dev.berth.volumes.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mounts with {@code mount -t tmpfs} and {@code umount}, and reads {@code /proc/self/mountinfo}. The source name
 * {@code berth-volume} makes the mounts recognizable in {@code mount}'s output.
 */
final class KernelMounts implements MountTable {

    static final String SOURCE = "berth-volume";

    @Override
    public boolean isMounted(Path path) throws IOException {
        String target = path.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            int dash = line.indexOf(" - ");
            if (fields.length > 4 && dash > 0 && unescape(fields[4]).equals(target)
                    && line.substring(dash + 3).startsWith("tmpfs ")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void mount(Path path, String size, int mode, int uid, int gid) throws IOException {
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=" + String.format("%04o", mode) + ",uid="
                + uid + ",gid=" + gid + ",nosuid,nodev,noexec", SOURCE, path.toString()));
    }

    @Override
    public void unmount(Path path) throws IOException {
        try {
            run(List.of("umount", path.toString()));
        } catch (IOException e) {
            // a process of this host still has a file open in it: detach now, the kernel frees it after
            run(List.of("umount", "-l", path.toString()));
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
        }
    }
}
