package dev.berth.certs.api;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate with its private key and the CA certificates a peer needs: what a TLS endpoint is configured
 * with. Held in memory only; the {@code toString} never shows the key.
 *
 * @param privateKey the private key
 * @param certificate the leaf certificate
 * @param intermediates the certificates between the leaf and the root, leaf side first (Berth's issuing CA)
 * @param root the CA's self-signed root, the trust anchor
 */
public record CertificateMaterial(PrivateKey privateKey, X509Certificate certificate,
        List<X509Certificate> intermediates, X509Certificate root) {

    /**
     * Checks and copies.
     *
     * @param privateKey the private key
     * @param certificate the leaf certificate
     * @param intermediates the intermediates
     * @param root the root
     */
    public CertificateMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        intermediates = List.copyOf(intermediates);
        Objects.requireNonNull(root, "root");
    }

    /**
     * Returns the chain a TLS endpoint presents: the leaf, then the intermediates.
     *
     * @return the chain without the root
     */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(intermediates);
        return chain;
    }

    /**
     * Returns the leaf certificate as PEM ({@code cert.pem} of the WebDAV tree).
     *
     * @return the PEM text
     */
    public String certificatePem() {
        return Pem.certificates(List.of(certificate));
    }

    /**
     * Returns the leaf and the intermediates as PEM ({@code chain.pem}): what most servers are configured with.
     *
     * @return the PEM text
     */
    public String chainPem() {
        return Pem.certificates(chain());
    }

    /**
     * Returns the root certificate as PEM ({@code ca.pem}).
     *
     * @return the PEM text
     */
    public String rootPem() {
        return Pem.certificates(List.of(root));
    }

    /**
     * Returns the private key as unencrypted PKCS#8 PEM ({@code key.pem}); handle with care.
     *
     * @return the PEM text
     */
    public String privateKeyPem() {
        return Pem.privateKey(privateKey);
    }

    @Override
    public String toString() {
        return "CertificateMaterial[" + certificate.getSubjectX500Principal() + ", serial "
                + certificate.getSerialNumber().toString(16) + "]";
    }
}
