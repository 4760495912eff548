package dev.berth.certs.api;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts for Berth's mutual TLS, built in memory from certificate material: no key file, no keystore. */
public final class TlsContexts {

    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    /**
     * A context that presents {@code material}'s certificate and trusts only peers whose chain ends at its root:
     * the same for a client or a server of Berth's mutual TLS.
     *
     * @param material the certificate, key and CA
     * @return a TLS 1.2/1.3 context
     * @throws GeneralSecurityException when the key or certificates are unusable
     */
    public static SSLContext mutual(CertificateMaterial material) throws GeneralSecurityException {
        KeyStore keys = emptyStore();
        keys.setKeyEntry("berth", material.privateKey(), NO_PASSWORD,
                material.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), trusting(material.root()).getTrustManagers(), null);
        return context;
    }

    /**
     * A context for a client without a certificate that trusts only servers whose chain ends at {@code root}.
     *
     * @param root the trust anchor
     * @return a TLS context
     * @throws GeneralSecurityException when the certificate is unusable
     */
    public static SSLContext anonymousClient(X509Certificate root) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusting(root).getTrustManagers(), null);
        return context;
    }

    private static TrustManagerFactory trusting(X509Certificate root) throws GeneralSecurityException {
        KeyStore anchors = emptyStore();
        anchors.setCertificateEntry("berth-ca", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        return tmf;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
    }
}
