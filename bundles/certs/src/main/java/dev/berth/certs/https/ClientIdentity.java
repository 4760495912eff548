package dev.berth.certs.https;

import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The identity of a mutual-TLS client: the common name of its certificate, which the TLS layer already verified
 * against Berth's CA and its revocations.
 */
public final class ClientIdentity {

    private static final String CERTIFICATES = "javax.servlet.request.X509Certificate";

    private ClientIdentity() {
    }

    /**
     * Reads the identity of a request's client.
     *
     * @param request the request
     * @return the common name, or empty when there is no client certificate or it has no single common name
     */
    public static Optional<String> of(HttpServletRequest request) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        return chain == null || chain.length == 0 ? Optional.empty() : commonName(chain[0]);
    }

    /**
     * Reads a certificate's common name.
     *
     * @param certificate the certificate
     * @return the common name, or empty when it has none or several
     */
    public static Optional<String> commonName(X509Certificate certificate) {
        RDN[] cn = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cn.length == 1 ? Optional.of(IETFUtils.valueToString(cn[0].getFirst().getValue())) : Optional.empty();
    }
}
