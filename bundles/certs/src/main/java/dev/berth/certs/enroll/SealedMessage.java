package dev.berth.certs.enroll;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;

import dev.berth.certs.crypto.Aead;
import dev.berth.certs.crypto.Hkdf;

/**
 * One message of the enrollment protocol, version 1 (docs/enrollment-protocol.md):
 *
 * <pre>
 * magic "BRTE" (4) | version 1 (1) | type (1) | timestamp ms (8) | message id (16) | nonce (12)
 * | client id length n (1) | client id (n, ASCII) | request digest (32) | ciphertext length L (4)
 * | ciphertext with ChaCha20-Poly1305 tag (L)
 * </pre>
 *
 * Everything before the ciphertext is the associated data. The key is HKDF-SHA-256 of the pre-shared key, with
 * the message id as salt and {@code "berth-enroll/v1 <type> <client id>"} as info, so every message has its own
 * key and a message of one type or client never opens as another.
 *
 * @param type the message type
 * @param timestamp when the sender sealed it, in milliseconds since the epoch
 * @param messageId 16 random bytes, unique per message
 * @param nonce the AEAD nonce
 * @param clientId the enrolling client's identity
 * @param requestDigest in an answer, SHA-256 of the request it answers; zeros in a request
 * @param header the associated data
 * @param ciphertext the sealed payload
 */
public record SealedMessage(Type type, long timestamp, byte[] messageId, byte[] nonce, String clientId,
        byte[] requestDigest, byte[] header, byte[] ciphertext) {

    /** The message types. */
    public enum Type {
        /** Client to server: the CSR. */
        REQUEST(1),
        /** Server to client: the certificate, the issuing CA and the root. */
        CERTIFICATE(2),
        /** Server to client: why the request was refused. */
        REFUSAL(3);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        static Type of(int code) throws MalformedMessageException {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new MalformedMessageException("unknown message type " + code);
        }
    }

    static final byte[] MAGIC = "BRTE".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int ID_LENGTH = 16;
    static final int DIGEST_LENGTH = 32;
    /** The largest ciphertext accepted: a CSR or a chain of three certificates is far smaller. */
    public static final int MAX_CIPHERTEXT = 64 * 1024;
    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /**
     * Seals a message.
     *
     * @param type the type
     * @param clientId the client's identity
     * @param psk the pre-shared key
     * @param requestDigest the digest of the request answered, or {@code null} in a request
     * @param timestamp the sending time in milliseconds
     * @param plaintext the payload
     * @return the message on the wire
     */
    public static byte[] seal(Type type, String clientId, byte[] psk, byte[] requestDigest, long timestamp,
            byte[] plaintext) {
        byte[] id = Aead.random(ID_LENGTH);
        byte[] nonce = Aead.random(Aead.NONCE_LENGTH);
        byte[] client = clientId.getBytes(StandardCharsets.US_ASCII);
        int ciphertextLength = plaintext.length + Aead.TAG_LENGTH;
        ByteBuffer header = ByteBuffer.allocate(headerLength(client.length)).put(MAGIC).put((byte) VERSION)
                .put((byte) type.code).putLong(timestamp).put(id).put(nonce).put((byte) client.length).put(client)
                .put(requestDigest == null ? new byte[DIGEST_LENGTH] : requestDigest).putInt(ciphertextLength);
        byte[] ciphertext = Aead.CHACHA20_POLY1305.seal(key(psk, id, type, clientId), nonce, header.array(), plaintext);
        return ByteBuffer.allocate(header.capacity() + ciphertext.length).put(header.array()).put(ciphertext).array();
    }

    /**
     * Parses a message without opening it. Every length is checked: a truncated or extended message is refused.
     *
     * @param wire the bytes received
     * @return the message
     * @throws MalformedMessageException when it is not a well-formed version 1 message
     */
    public static SealedMessage parse(byte[] wire) throws MalformedMessageException {
        if (wire.length < headerLength(1) + Aead.TAG_LENGTH) {
            throw new MalformedMessageException("message too short (" + wire.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(wire);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new MalformedMessageException("not a Berth enrollment message");
        }
        int version = in.get() & 0xff;
        if (version != VERSION) {
            throw new MalformedMessageException("unsupported protocol version " + version + "; this server speaks 1");
        }
        Type type = Type.of(in.get() & 0xff);
        long timestamp = in.getLong();
        byte[] id = new byte[ID_LENGTH];
        byte[] nonce = new byte[Aead.NONCE_LENGTH];
        in.get(id).get(nonce);
        int clientLength = in.get() & 0xff;
        if (clientLength < 1 || in.remaining() < clientLength + DIGEST_LENGTH + 4) {
            throw new MalformedMessageException("truncated header");
        }
        byte[] client = new byte[clientLength];
        byte[] digest = new byte[DIGEST_LENGTH];
        in.get(client).get(digest);
        String clientId = new String(client, StandardCharsets.US_ASCII);
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new MalformedMessageException("invalid client identity");
        }
        int length = in.getInt();
        if (length < Aead.TAG_LENGTH || length > MAX_CIPHERTEXT || length != in.remaining()) {
            throw new MalformedMessageException("ciphertext length " + length + " does not match the " + in.remaining()
                    + " bytes that follow");
        }
        int headerLength = in.position();
        return new SealedMessage(type, timestamp, id, nonce, clientId, digest, Arrays.copyOf(wire, headerLength),
                Arrays.copyOfRange(wire, headerLength, wire.length));
    }

    /**
     * Opens the payload.
     *
     * @param psk the pre-shared key of {@link #clientId()}
     * @return the plaintext
     * @throws AEADBadTagException when the key is wrong or any byte of the message was changed
     */
    public byte[] open(byte[] psk) throws AEADBadTagException {
        return Aead.CHACHA20_POLY1305.open(key(psk, messageId, type, clientId), nonce, header, ciphertext);
    }

    /**
     * Returns SHA-256 of a whole message, which an answer carries to bind it to its request.
     *
     * @param wire the message bytes
     * @return the digest
     */
    public static byte[] digest(byte[] wire) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(wire);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static int headerLength(int clientLength) {
        return MAGIC.length + 2 + 8 + ID_LENGTH + Aead.NONCE_LENGTH + 1 + clientLength + DIGEST_LENGTH + 4;
    }

    private static byte[] key(byte[] psk, byte[] id, Type type, String clientId) {
        return Hkdf.derive(psk, id, "berth-enroll/v1 " + type.code + " " + clientId, Aead.KEY_LENGTH);
    }

    @Override
    public String toString() {
        return "SealedMessage[" + type + ", " + clientId + ", " + timestamp + "]";
    }
}
