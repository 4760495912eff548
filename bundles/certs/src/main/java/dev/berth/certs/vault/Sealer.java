package dev.berth.certs.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;

import dev.berth.certs.crypto.Aead;

/**
 * Seals data at rest under one master key with AES-256-GCM. A sealed blob is
 * {@code "BV01" | key id (8) | nonce (12) | ciphertext | tag (16)}; the associated data is the header and the
 * blob's name, so a blob moved to another name, or sealed under another key, does not open.
 */
final class Sealer {

    static final byte[] MAGIC = "BV01".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = MAGIC.length + 8 + Aead.NONCE_LENGTH;

    private final MasterKey master;
    private final byte[] key;
    private final byte[] id;

    Sealer(MasterKey master) {
        this.master = master;
        this.key = master.derive("vault/v1");
        this.id = master.idBytes();
    }

    MasterKey master() {
        return master;
    }

    byte[] seal(String name, byte[] plaintext) {
        byte[] nonce = Aead.random(Aead.NONCE_LENGTH);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).put(id).put(nonce);
        byte[] ciphertext = Aead.AES_GCM.seal(key, nonce, aad(header.array(), name), plaintext);
        return ByteBuffer.allocate(HEADER + ciphertext.length).put(header.array()).put(ciphertext).array();
    }

    byte[] open(String name, byte[] blob) throws AEADBadTagException {
        if (!isSealed(blob)) {
            throw new AEADBadTagException(name + " is not sealed data");
        }
        byte[] header = Arrays.copyOf(blob, HEADER);
        byte[] nonce = Arrays.copyOfRange(blob, MAGIC.length + 8, HEADER);
        return Aead.AES_GCM.open(key, nonce, aad(header, name), Arrays.copyOfRange(blob, HEADER, blob.length));
    }

    boolean sealedByMe(byte[] blob) {
        return isSealed(blob) && Arrays.equals(keyId(blob), id);
    }

    static boolean isSealed(byte[] blob) {
        return blob.length >= HEADER + Aead.TAG_LENGTH && Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC);
    }

    static byte[] keyId(byte[] blob) {
        return Arrays.copyOfRange(blob, MAGIC.length, MAGIC.length + 8);
    }

    private static byte[] aad(byte[] header, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + n.length).put(header).put(n).array();
    }
}
