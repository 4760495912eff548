package dev.berth.volumes.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The name of the certificate set the driver creates for a volume: {@code <client id>.<volume>}, in the client's
 * namespace at the certificate manager. Volume names that are not valid set names (upper case, too long) get a
 * readable prefix and a digest of the full name, so two volumes never share a set by accident.
 */
final class SetNames {

    private static final int MAX = 63;

    private SetNames() {
    }

    static String forVolume(String clientId, String volume) {
        String prefix = clientId + ".";
        String lower = volume.toLowerCase(Locale.ROOT);
        if (lower.equals(volume) && prefix.length() + volume.length() <= MAX && !volume.contains("..")
                && volume.matches("[a-z0-9][a-z0-9._-]*")) {
            return prefix + volume;
        }
        String digest = HexFormat.of().formatHex(sha256(volume), 0, 5);
        String readable = lower.replaceAll("[^a-z0-9._-]", "-").replaceAll("\\.\\.+", ".");
        int room = Math.max(0, MAX - prefix.length() - digest.length() - 1);
        readable = readable.substring(0, Math.min(room, readable.length()));
        return prefix + (readable.isEmpty() ? "" : readable + "-") + digest;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
