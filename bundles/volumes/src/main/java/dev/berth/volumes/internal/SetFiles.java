package dev.berth.volumes.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import dev.berth.certs.api.Pem;

/**
 * The files of a certificate set as the WebDAV tree serves them, checked to belong together: the key signs what
 * the certificate verifies, the chain starts with the certificate and ends at the CA. Read from separate requests,
 * they may straddle a renewal; the check catches that before anything is written.
 *
 * @param certPem the certificate
 * @param keyPem its private key, PKCS#8
 * @param chainPem the certificate and the issuing CA
 * @param caPem the root
 * @param fullchainPem the certificate and every CA certificate a server may send: the chain and the root for
 *     Berth's CA, the chain as returned for an ACME CA
 */
record SetFiles(String certPem, String keyPem, String chainPem, String caPem, String fullchainPem) {

    /** The five files of a volume, in the order they are written. */
    static final List<String> NAMES = List.of("cert.pem", "chain.pem", "fullchain.pem", "ca.pem", "key.pem");

    /**
     * The files of a set of Berth's CA: the full chain is the chain followed by the root.
     *
     * @param certPem the certificate
     * @param keyPem its private key
     * @param chainPem the certificate and the issuing CA
     * @param caPem the root
     */
    SetFiles(String certPem, String keyPem, String chainPem, String caPem) {
        this(certPem, keyPem, chainPem, caPem, chainPem + caPem);
    }

    /**
     * Returns a file's content.
     *
     * @param name one of {@link #NAMES}
     * @return its bytes
     */
    byte[] content(String name) {
        String text = switch (name) {
            case "cert.pem" -> certPem;
            case "chain.pem" -> chainPem;
            case "fullchain.pem" -> fullchainPem;
            case "ca.pem" -> caPem;
            case "key.pem" -> keyPem;
            default -> throw new IllegalArgumentException("no file " + name);
        };
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses the certificate.
     *
     * @return the leaf certificate
     */
    X509Certificate certificate() {
        try {
            List<X509Certificate> certs = Pem.parseCertificates(certPem);
            if (certs.size() != 1) {
                throw new IllegalStateException("cert.pem holds " + certs.size() + " certificates, not 1");
            }
            return certs.get(0);
        } catch (CertificateException e) {
            throw new IllegalStateException("cert.pem is not a certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the files belong together.
     *
     * @return whether the key matches the certificate and the chain starts with it and ends at the CA
     */
    boolean consistent() {
        try {
            X509Certificate leaf = certificate();
            List<X509Certificate> chain = Pem.parseCertificates(chainPem);
            List<X509Certificate> ca = Pem.parseCertificates(caPem);
            if (chain.isEmpty() || !chain.get(0).equals(leaf) || ca.size() != 1) {
                return false;
            }
            for (int i = 0; i + 1 < chain.size(); i++) {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            }
            chain.get(chain.size() - 1).verify(ca.get(0).getPublicKey());
            return keyMatches(privateKey(leaf.getPublicKey().getAlgorithm()), leaf);
        } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
            return false;
        }
    }

    private PrivateKey privateKey(String algorithm) throws GeneralSecurityException {
        String body = keyPem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                .decode(body)));
    }

    private static boolean keyMatches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        return verifier.verify(signature);
    }

    /**
     * Lists the DNS names and IP addresses of the certificate.
     *
     * @return the subject alternative names, as text
     */
    List<String> subjectNames() {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> san = certificate().getSubjectAlternativeNames();
            if (san != null) {
                for (List<?> entry : san) {
                    Object type = entry.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot read the certificate's names", e);
        }
        return names;
    }

    @Override
    public String toString() {
        return "SetFiles[" + certificate().getSerialNumber().toString(16) + "]";
    }
}
