package dev.berth.certs.enroll;

import java.io.ByteArrayInputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import dev.berth.certs.api.CertificateManagerException.Reason;

/** The plaintexts inside enrollment messages. All integers are big-endian. */
public final class Payloads {

    private Payloads() {
    }

    /**
     * A request: {@code requested lifetime in seconds, 0 for the default (8) | CSR length (4) | CSR DER}.
     *
     * @param csr the PKCS#10 request in DER
     * @param ttlSeconds the lifetime asked for, 0 for the default
     */
    public record Request(byte[] csr, long ttlSeconds) {

        /**
         * Encodes the request.
         *
         * @return the plaintext
         */
        public byte[] encode() {
            return ByteBuffer.allocate(12 + csr.length).putLong(ttlSeconds).putInt(csr.length).put(csr).array();
        }

        /**
         * Decodes a request.
         *
         * @param plaintext the opened payload
         * @return the request
         * @throws MalformedMessageException when the lengths do not add up
         */
        public static Request decode(byte[] plaintext) throws MalformedMessageException {
            try {
                ByteBuffer in = ByteBuffer.wrap(plaintext);
                long ttl = in.getLong();
                int length = in.getInt();
                if (ttl < 0 || length != in.remaining()) {
                    throw new MalformedMessageException("malformed request payload");
                }
                byte[] csr = new byte[length];
                in.get(csr);
                return new Request(csr, ttl);
            } catch (BufferUnderflowException e) {
                throw new MalformedMessageException("truncated request payload");
            }
        }
    }

    /**
     * Encodes a certificate answer: {@code count (1) | (length (4) | DER)*}, leaf first, root last.
     *
     * @param chain the certificates
     * @return the plaintext
     */
    public static byte[] certificates(List<X509Certificate> chain) {
        List<byte[]> ders = new ArrayList<>();
        int size = 1;
        for (X509Certificate c : chain) {
            try {
                ders.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode " + c.getSubjectX500Principal(), e);
            }
            size += 4 + ders.get(ders.size() - 1).length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put((byte) ders.size());
        ders.forEach(d -> out.putInt(d.length).put(d));
        return out.array();
    }

    /**
     * Decodes a certificate answer.
     *
     * @param plaintext the opened payload
     * @return the certificates, leaf first
     * @throws MalformedMessageException when it does not decode
     */
    public static List<X509Certificate> decodeCertificates(byte[] plaintext) throws MalformedMessageException {
        try {
            ByteBuffer in = ByteBuffer.wrap(plaintext);
            int count = in.get() & 0xff;
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] der = new byte[in.getInt()];
                in.get(der);
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            if (in.hasRemaining() || count != 3) {
                throw new MalformedMessageException("the answer holds " + count + " certificates and "
                        + in.remaining() + " extra bytes; expected leaf, issuing CA and root");
            }
            return chain;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException
                | CertificateException e) {
            throw new MalformedMessageException("malformed certificate answer: " + e.getMessage());
        }
    }

    /**
     * A refusal: {@code reason (1) | message (UTF-8)}.
     *
     * @param reason why
     * @param message the explanation for the client's operator
     */
    public record Refusal(Reason reason, String message) {

        /**
         * Encodes the refusal.
         *
         * @return the plaintext
         */
        public byte[] encode() {
            byte[] text = message.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + text.length).put((byte) reason.ordinal()).put(text).array();
        }

        /**
         * Decodes a refusal.
         *
         * @param plaintext the opened payload
         * @return the refusal
         */
        public static Refusal decode(byte[] plaintext) {
            Reason[] reasons = Reason.values();
            int code = plaintext.length == 0 ? -1 : plaintext[0] & 0xff;
            Reason reason = code >= 0 && code < reasons.length ? reasons[code] : Reason.REFUSED;
            String text = plaintext.length <= 1 ? "" : new String(plaintext, 1, plaintext.length - 1,
                    StandardCharsets.UTF_8);
            return new Refusal(reason, text);
        }
    }
}
