package dev.berth.certs.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Small secrets of other Berth bundles (passwords, tokens), kept in the certificate manager's local store,
 * encrypted at rest under the master key and re-encrypted when it is rotated.
 */
@ProviderType
public interface SecretStore {

    /**
     * Stores a secret, replacing any of that name; the write is atomic and durable when the method returns.
     *
     * @param name a path of segments of letters, digits, '.', '_', '-' separated by '/', for example
     *     {@code store/superuser.password}
     * @param secret the bytes
     */
    void putSecret(String name, byte[] secret);

    /**
     * Reads a secret.
     *
     * @param name the name
     * @return the bytes, or empty when there is none
     */
    Optional<byte[]> getSecret(String name);

    /**
     * Deletes a secret.
     *
     * @param name the name
     * @return whether there was one
     */
    boolean deleteSecret(String name);

    /**
     * Lists the secrets whose names start with a prefix.
     *
     * @param prefix the prefix, possibly empty
     * @return the names, sorted
     */
    List<String> secretNames(String prefix);
}
