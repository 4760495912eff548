package dev.berth.certs.dav;

import java.util.List;
import java.util.Optional;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.vault.Vault;

/** What the WebDAV tree serves, and who may see it. Identities are client certificates' common names. */
public interface DavBackend {

    /**
     * Tells whether an identity is an administrator: reads every set, reads and writes {@code /files/}.
     *
     * @param identity the client identity
     * @return whether it is an administrator
     */
    boolean isAdmin(String identity);

    /**
     * Lists the sets an identity may read.
     *
     * @param identity the client identity
     * @return the set names, sorted
     */
    List<String> readableSets(String identity);

    /**
     * Returns a set's material when the identity may read it.
     *
     * @param set the set's name
     * @param identity the client identity
     * @return the material, or empty when the set does not exist or the identity may not read it
     */
    Optional<CertificateMaterial> material(String set, String identity);

    /**
     * Returns the encrypted store that holds the {@code /files/} collection.
     *
     * @return the vault
     */
    Vault vault();

    /**
     * Returns the largest file accepted in {@code /files/}.
     *
     * @return bytes
     */
    int maxFileBytes();
}
