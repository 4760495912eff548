package dev.berth.certs.https;

import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts client certificates that chain to Berth's root (PKIX, with the clientAuth key usage) and are not
 * revoked: revocation is checked against the CA's own ledger at each handshake, so it takes effect at once.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final X509Certificate root;
    private final X509Certificate issuing;
    private final Predicate<BigInteger> revoked;

    /** The issuing CA is an anchor too, so that clients which send their certificate alone are accepted. */
    ClientCertificateTrust(X509Certificate root, X509Certificate issuing, Predicate<BigInteger> revoked)
            throws GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        try {
            anchors.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        anchors.setCertificateEntry("berth-ca", root);
        anchors.setCertificateEntry("berth-issuing", issuing);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(anchors);
        X509ExtendedTrustManager found = null;
        for (TrustManager t : factory.getTrustManagers()) {
            if (t instanceof X509ExtendedTrustManager x) {
                found = x;
            }
        }
        if (found == null) {
            throw new GeneralSecurityException("no PKIX trust manager");
        }
        this.pkix = found;
        this.root = root;
        this.issuing = issuing;
        this.revoked = revoked;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        checkRevocation(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        checkRevocation(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        checkRevocation(chain);
    }

    private void checkRevocation(X509Certificate[] chain) throws CertificateException {
        if (revoked.test(chain[0].getSerialNumber())) {
            throw new CertificateException("client certificate " + chain[0].getSerialNumber().toString(16)
                    + " is revoked");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {root, issuing};
    }
}
