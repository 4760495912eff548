package dev.berth.certs.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM text (RFC 7468) of certificates and PKCS#8 private keys, with the JDK alone. */
public final class Pem {

    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /**
     * Encodes DER bytes as one PEM block.
     *
     * @param label the block label, for example {@code CERTIFICATE}
     * @param der the DER bytes
     * @return the block, ending with a newline
     */
    public static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + ENCODER.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /**
     * Encodes certificates, one block each, in the order given.
     *
     * @param certificates the certificates
     * @return the PEM text
     */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                pem.append(block("CERTIFICATE", c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return pem.toString();
    }

    /**
     * Encodes a private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block.
     *
     * @param key the key; its {@link PrivateKey#getEncoded()} must be PKCS#8
     * @return the PEM text
     */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("not a PKCS#8 key: " + key.getFormat());
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /**
     * Parses every {@code CERTIFICATE} block of a PEM text.
     *
     * @param pem the text
     * @return the certificates in order
     * @throws CertificateException when a block is not a certificate
     */
    public static List<X509Certificate> parseCertificates(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) c);
        }
        return certificates;
    }
}
