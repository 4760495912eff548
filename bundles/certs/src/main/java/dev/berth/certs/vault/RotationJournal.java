package dev.berth.certs.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;

import dev.berth.certs.crypto.Aead;

/**
 * The record of a master key rotation in progress: each key's secret wrapped under the other, so that whichever
 * of the two Berth starts with after a crash opens every blob, sealed under either, and finishes the job.
 * Format: {@code "BVR1" | from id (8) | to id (8) | nonce | wrap(to under from) | nonce | wrap(from under to)}.
 */
record RotationJournal(byte[] fromId, byte[] toId, byte[] toUnderFrom, byte[] fromUnderTo) {

    private static final byte[] MAGIC = "BVR1".getBytes(StandardCharsets.US_ASCII);
    private static final int WRAPPED = Aead.NONCE_LENGTH + MasterKey.LENGTH + Aead.TAG_LENGTH;

    static RotationJournal create(MasterKey from, MasterKey to) {
        byte[] fromId = from.idBytes();
        byte[] toId = to.idBytes();
        return new RotationJournal(fromId, toId, wrap(from, to, fromId, toId, (byte) 1),
                wrap(to, from, fromId, toId, (byte) 2));
    }

    /** Returns the other key of the rotation, unwrapped with the one Berth was started with. */
    MasterKey other(MasterKey key) throws MasterKeyException {
        boolean isFrom = Arrays.equals(key.idBytes(), fromId);
        if (!isFrom && !Arrays.equals(key.idBytes(), toId)) {
            throw new MasterKeyException("a master key rotation from key " + hex(fromId) + " to key " + hex(toId)
                    + " was interrupted, and the master key given (" + key.id() + ") is neither; start Berth with "
                    + "either of the two and it finishes the rotation towards the one it was started with");
        }
        try {
            return MasterKey.of(unwrap(key, isFrom ? toUnderFrom : fromUnderTo, isFrom ? (byte) 1 : (byte) 2));
        } catch (AEADBadTagException e) {
            throw new MasterKeyException("the master key rotation journal does not open with master key " + key.id()
                    + ": it is damaged or the key is wrong", e);
        }
    }

    byte[] encode() {
        return ByteBuffer.allocate(MAGIC.length + 16 + 2 * WRAPPED).put(MAGIC).put(fromId).put(toId).put(toUnderFrom)
                .put(fromUnderTo).array();
    }

    static RotationJournal decode(byte[] bytes) throws IOException {
        if (bytes.length != MAGIC.length + 16 + 2 * WRAPPED
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IOException("the master key rotation journal is damaged (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
        byte[] from = new byte[8];
        byte[] to = new byte[8];
        byte[] a = new byte[WRAPPED];
        byte[] b = new byte[WRAPPED];
        in.get(from).get(to).get(a).get(b);
        return new RotationJournal(from, to, a, b);
    }

    private static byte[] wrap(MasterKey wrapping, MasterKey wrapped, byte[] fromId, byte[] toId, byte direction) {
        byte[] nonce = Aead.random(Aead.NONCE_LENGTH);
        byte[] sealed = Aead.AES_GCM.seal(wrapping.derive("vault-wrap/v1"), nonce, aad(fromId, toId, direction),
                wrapped.secretBytes());
        return ByteBuffer.allocate(WRAPPED).put(nonce).put(sealed).array();
    }

    private byte[] unwrap(MasterKey wrapping, byte[] blob, byte direction) throws AEADBadTagException {
        return Aead.AES_GCM.open(wrapping.derive("vault-wrap/v1"), Arrays.copyOf(blob, Aead.NONCE_LENGTH),
                aad(fromId, toId, direction), Arrays.copyOfRange(blob, Aead.NONCE_LENGTH, blob.length));
    }

    private static byte[] aad(byte[] fromId, byte[] toId, byte direction) {
        return ByteBuffer.allocate(MAGIC.length + 17).put(MAGIC).put(fromId).put(toId).put(direction).array();
    }

    static String hex(byte[] id) {
        return java.util.HexFormat.of().formatHex(id);
    }
}
