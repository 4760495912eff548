package dev.berth.certs.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two AEAD ciphers Berth uses, with 256-bit keys, 96-bit nonces and 128-bit tags: AES-GCM for data at rest
 * and ChaCha20-Poly1305 for enrollment messages.
 */
public enum Aead {

    /** AES-256-GCM. */
    AES_GCM("AES/GCM/NoPadding", "AES"),
    /** ChaCha20-Poly1305 (RFC 8439). */
    CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20");

    /** Key length in bytes. */
    public static final int KEY_LENGTH = 32;
    /** Nonce length in bytes. */
    public static final int NONCE_LENGTH = 12;
    /** Authentication tag length in bytes. */
    public static final int TAG_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String transformation;
    private final String keyAlgorithm;

    Aead(String transformation, String keyAlgorithm) {
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /**
     * Returns fresh random bytes, for nonces, salts and keys.
     *
     * @param length how many
     * @return the bytes
     */
    public static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Encrypts and authenticates.
     *
     * @param key the 32-byte key
     * @param nonce the 12-byte nonce, never reused with the same key
     * @param aad data authenticated but not encrypted
     * @param plaintext the data
     * @return the ciphertext followed by the tag
     */
    public byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " encryption failed", e);
        }
    }

    /**
     * Authenticates and decrypts.
     *
     * @param key the 32-byte key
     * @param nonce the nonce it was sealed with
     * @param aad the associated data it was sealed with
     * @param sealed the ciphertext and tag
     * @return the plaintext
     * @throws AEADBadTagException when the key, nonce, associated data or ciphertext differ from the sealing
     */
    public byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) throws AEADBadTagException {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // a too short input or similar: as unauthentic as a bad tag
            AEADBadTagException bad = new AEADBadTagException("malformed sealed data: " + e.getMessage());
            bad.initCause(e);
            throw bad;
        }
    }

    private Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("AEAD key must be 32 bytes and nonce 12 bytes");
        }
        Cipher cipher = Cipher.getInstance(transformation);
        SecretKeySpec spec = new SecretKeySpec(key, keyAlgorithm);
        if (this == AES_GCM) {
            cipher.init(mode, spec, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        } else {
            cipher.init(mode, spec, new IvParameterSpec(nonce));
        }
        return cipher;
    }
}
