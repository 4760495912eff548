package dev.berth.certs.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA-256 (RFC 5869): the one key derivation function of Berth's certificate manager. */
public final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    /**
     * Extracts and expands.
     *
     * @param ikm the input keying material (the master secret, a pre-shared key)
     * @param salt a salt; empty for none (RFC 5869 then uses a block of zeros)
     * @param info what the key is for; binds the output to its purpose
     * @param length the output length, at most 255 * 32 bytes
     * @return the derived key material
     */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt, HMAC));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, HMAC));
            Arrays.fill(prk, (byte) 0);
            byte[] okm = new byte[length];
            byte[] block = new byte[0];
            for (int i = 1, offset = 0; offset < length; i++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) i);
                block = mac.doFinal();
                int n = Math.min(block.length, length - offset);
                System.arraycopy(block, 0, okm, offset, n);
                offset += n;
            }
            Arrays.fill(block, (byte) 0);
            return okm;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable HKDF key material", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /**
     * Derives with a textual purpose.
     *
     * @param ikm the input keying material
     * @param salt the salt, possibly empty
     * @param info the purpose, in UTF-8
     * @param length the output length
     * @return the derived key material
     */
    public static byte[] derive(byte[] ikm, byte[] salt, String info, int length) {
        return derive(ikm, salt, info.getBytes(StandardCharsets.UTF_8), length);
    }
}
