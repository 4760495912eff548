package dev.berth.certs.internal;

/** Rotates Berth's master key; offered to the {@code cert:rotate-master-key} command. */
public interface MasterKeyRotation {

    /** The outcome of a rotation. */
    record Result(String oldKeyId, String newKeyId, String keyFile) {
    }

    /**
     * Tells where the master key comes from.
     *
     * @return the key file's path, or empty when it came from the configuration (BERTH_MASTER_KEY)
     */
    String keyFile();

    /**
     * Re-encrypts everything under a new master key; with a key file, writes the new key into it as part of the
     * rotation. Survives a crash at any point: restarting with either key finishes towards that key.
     *
     * @param newKey the new key in base64
     * @return the old and new key identifiers, and the key file written (empty when none)
     * @throws java.io.IOException when a step fails; the store is then rolled back to the current key
     */
    Result rotate(String newKey) throws java.io.IOException;
}
