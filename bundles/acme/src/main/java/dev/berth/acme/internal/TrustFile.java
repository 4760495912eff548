package dev.berth.acme.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust for the ACME server: the JDK's default trust store, or only the CA certificates of a PEM file
 * (a private or test CA such as pebble's). Verification is never turned off.
 */
final class TrustFile {

    private TrustFile() {
    }

    /**
     * An SSL context trusting a CA file, or the JDK's defaults.
     *
     * @param caFile a PEM file of CA certificates, or null for the JDK's trust store
     * @return the context
     */
    static SSLContext context(Path caFile) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile == null) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                Collection<? extends Certificate> cas;
                try (InputStream in = Files.newInputStream(caFile)) {
                    cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (cas.isEmpty()) {
                    throw new IllegalArgumentException("no certificate in the ACME CA file " + caFile);
                }
                int i = 0;
                for (Certificate ca : cas) {
                    store.setCertificateEntry("ca" + i++, ca);
                }
                tmf.init(store);
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the ACME CA file " + caFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the ACME CA file " + caFile + ": " + e.getMessage(), e);
        }
    }
}
