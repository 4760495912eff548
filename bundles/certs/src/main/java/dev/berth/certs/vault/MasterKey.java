package dev.berth.certs.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import dev.berth.certs.crypto.Aead;
import dev.berth.certs.crypto.Hkdf;

/**
 * Berth's master secret: 32 random bytes from which every key that protects data at rest is derived with HKDF,
 * one key per purpose. Its {@link #id()} names it in sealed data without revealing anything about it.
 */
public final class MasterKey {

    /** Length of the secret in bytes. */
    public static final int LENGTH = 32;
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] secret;
    private final byte[] id;

    private MasterKey(byte[] secret) {
        if (secret.length != LENGTH) {
            throw new IllegalArgumentException("a master key is exactly " + LENGTH + " bytes (base64 of 32 random "
                    + "bytes, for example from 'head -c 32 /dev/urandom | base64'); this one is " + secret.length);
        }
        this.secret = secret.clone();
        this.id = Hkdf.derive(this.secret, new byte[0], "berth/master-key-id/v1", 8);
    }

    /**
     * Wraps raw secret bytes.
     *
     * @param secret 32 bytes
     * @return the key
     */
    public static MasterKey of(byte[] secret) {
        return new MasterKey(secret);
    }

    /**
     * Generates a new random master key.
     *
     * @return the key
     */
    public static MasterKey generate() {
        return new MasterKey(Aead.random(LENGTH));
    }

    /**
     * Parses the base64 form an operator puts in {@code BERTH_MASTER_KEY} or a key file.
     *
     * @param base64 the text; surrounding white space is ignored
     * @return the key
     * @throws IllegalArgumentException when it is not base64 of 32 bytes
     */
    public static MasterKey parse(String base64) {
        try {
            return new MasterKey(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not valid: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a key file, refusing one that others than its owner can read or that root does not own.
     *
     * @param file the file, holding the base64 form
     * @return the key
     * @throws IOException when the file is missing, unreadable, or readable by others
     */
    public static MasterKey load(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("the master key file " + file + " does not exist (or is not a regular file)");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new IOException("the master key file " + file + " is accessible to others than its owner "
                    + "(mode " + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                    + "); make it mode 0600 or 0400");
        }
        int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        // the owner of /proc/self is the user this process runs as (Linux)
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != 0 && owner != self) {
            throw new IOException("the master key file " + file + " must be owned by root (or by the user Berth runs "
                    + "as); its owner is uid " + owner);
        }
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /**
     * Returns the key's identifier: 8 bytes derived from it, which tell keys apart and reveal nothing.
     *
     * @return a copy of the identifier
     */
    public byte[] idBytes() {
        return id.clone();
    }

    /**
     * Returns the identifier in hexadecimal, as messages show it.
     *
     * @return 16 hexadecimal digits
     */
    public String id() {
        return HexFormat.of().formatHex(id);
    }

    /**
     * Derives the key for one purpose.
     *
     * @param purpose what the key protects, for example {@code vault/v1}
     * @return 32 bytes
     */
    public byte[] derive(String purpose) {
        return Hkdf.derive(secret, new byte[0], "berth/" + purpose, Aead.KEY_LENGTH);
    }

    /**
     * Returns the base64 form, for showing a newly generated key once to the operator or writing a key file.
     *
     * @return base64 of the secret
     */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(secret);
    }

    /**
     * Returns the raw secret, for wrapping it under another key during rotation.
     *
     * @return a copy of the secret
     */
    byte[] secretBytes() {
        return secret.clone();
    }

    /**
     * Tells whether another key is this one.
     *
     * @param other the other key
     * @return whether the secrets are equal
     */
    public boolean sameAs(MasterKey other) {
        return java.security.MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public String toString() {
        return "MasterKey[id " + id() + "]";
    }

    /** Overwrites the secret in memory; the object is unusable afterwards. */
    public void destroy() {
        Arrays.fill(secret, (byte) 0);
    }
}
