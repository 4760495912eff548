package dev.berth.acme.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.SecretStore;

/**
 * The ACME account key (EC P-256), kept in the certificate manager's {@link SecretStore}, encrypted at rest under
 * Berth's master key: one per directory URL, so a staging and a production CA have different accounts.
 */
final class AccountKeys {

    private static final Logger LOG = LoggerFactory.getLogger(AccountKeys.class);

    private AccountKeys() {
    }

    /** The secret names of a directory's account key, private (PKCS#8) then public (X.509 SPKI). */
    static String[] names(String directoryUrl) {
        String id = HexFormat.of().formatHex(Jwk.sha256(directoryUrl.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                0, 8);
        return new String[] {"acme/account-" + id + ".key", "acme/account-" + id + ".pub"};
    }

    /**
     * Reads the directory's account key from the secret store, or creates and stores one.
     *
     * @param store the secret store
     * @param directoryUrl the directory URL
     * @return the key pair
     */
    static KeyPair loadOrCreate(SecretStore store, String directoryUrl) {
        String[] names = names(directoryUrl);
        Optional<byte[]> privateKey = store.getSecret(names[0]);
        Optional<byte[]> publicKey = store.getSecret(names[1]);
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            if (privateKey.isPresent() && publicKey.isPresent()) {
                return new KeyPair(ec.generatePublic(new X509EncodedKeySpec(publicKey.get())),
                        ec.generatePrivate(new PKCS8EncodedKeySpec(privateKey.get())));
            }
            KeyPair created = generate();
            store.putSecret(names[1], created.getPublic().getEncoded());
            store.putSecret(names[0], created.getPrivate().getEncoded());
            LOG.info("Created an ACME account key for {} in the secret store ({})", directoryUrl, names[0]);
            return created;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored ACME account key " + names[0] + " is unreadable", e);
        }
    }

    /** A new EC P-256 key pair. */
    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make EC P-256 keys", e);
        }
    }
}
