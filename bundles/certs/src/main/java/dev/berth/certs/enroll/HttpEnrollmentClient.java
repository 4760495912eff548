package dev.berth.certs.enroll;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.AEADBadTagException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.osgi.service.component.annotations.Component;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.EnrollmentClient;
import dev.berth.certs.api.EnrollmentRequest;
import dev.berth.certs.enroll.SealedMessage.Type;
import dev.berth.certs.internal.KeyPairs;

/**
 * The enrollment client over HTTPS. The TLS handshake trusts any server, because the client knows no CA yet:
 * the answer is authenticated by the pre-shared key instead. Once the answer opened, the client checks that
 * the server's TLS certificate comes from the CA it received, so an interception is noticed, not ignored.
 */
@Component(service = EnrollmentClient.class)
public final class HttpEnrollmentClient implements EnrollmentClient {

    /** The clock difference tolerated between client and server. */
    static final Duration WINDOW = Duration.ofMinutes(2);
    static final String MEDIA_TYPE = "application/vnd.berth.enroll.v1";

    @Override
    public CertificateMaterial enroll(EnrollmentRequest request) {
        KeyPair keys = KeyPairs.generate(request.keyAlgorithm());
        byte[] psk = request.preSharedKey();
        byte[] csr = csr(request, keys);
        long ttl = request.ttl() == null ? 0 : request.ttl().toSeconds();
        byte[] wire = SealedMessage.seal(Type.REQUEST, request.clientId(), psk, null, System.currentTimeMillis(),
                new Payloads.Request(csr, ttl).encode());
        HttpResponse<byte[]> response = post(request, wire);
        if (response.statusCode() != 200) {
            throw new CertificateManagerException(response.statusCode() == 403 ? Reason.REFUSED : Reason.UNAVAILABLE,
                    "the enrollment server answered " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8).trim());
        }
        List<X509Certificate> chain = open(request.clientId(), psk, wire, response.body());
        CertificateMaterial material = new CertificateMaterial(keys.getPrivate(), chain.get(0), List.of(chain.get(1)),
                chain.get(2));
        verify(material, keys);
        checkServer(response, material.root());
        return material;
    }

    /** Opens and checks the answer: right type, client and request, fresh, and authentic. */
    static List<X509Certificate> open(String clientId, byte[] psk, byte[] request, byte[] body) {
        try {
            SealedMessage answer = SealedMessage.parse(body);
            if (answer.type() == Type.REQUEST || !answer.clientId().equals(clientId)
                    || !java.security.MessageDigest.isEqual(answer.requestDigest(), SealedMessage.digest(request))) {
                throw refused("the answer does not belong to this request", null);
            }
            byte[] plaintext = answer.open(psk);
            if (Math.abs(System.currentTimeMillis() - answer.timestamp()) > WINDOW.toMillis()) {
                throw refused("the answer's timestamp is outside the accepted window; check the clocks", null);
            }
            if (answer.type() == Type.REFUSAL) {
                Payloads.Refusal refusal = Payloads.Refusal.decode(plaintext);
                throw new CertificateManagerException(refusal.reason(), "the certificate manager refused: "
                        + refusal.message());
            }
            return Payloads.decodeCertificates(plaintext);
        } catch (MalformedMessageException e) {
            throw refused("malformed answer: " + e.getMessage(), e);
        } catch (AEADBadTagException e) {
            throw refused("the answer does not authenticate with the pre-shared key", e);
        }
    }

    private static void verify(CertificateMaterial m, KeyPair keys) {
        try {
            if (!m.certificate().getPublicKey().equals(keys.getPublic())) {
                throw refused("the certificate is not for the key this client generated", null);
            }
            m.certificate().verify(m.intermediates().get(0).getPublicKey());
            m.intermediates().get(0).verify(m.root().getPublicKey());
            m.root().verify(m.root().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw refused("the certificate chain received does not verify: " + e.getMessage(), e);
        }
    }

    private static void checkServer(HttpResponse<byte[]> response, X509Certificate root) {
        if (response.sslSession().isEmpty()) {
            return; // plain HTTP: nothing to compare, the answer is authenticated anyway
        }
        try {
            Certificate[] peer = response.sslSession().get().getPeerCertificates();
            for (int i = 0; i + 1 < peer.length; i++) {
                peer[i].verify(peer[i + 1].getPublicKey());
            }
            X509Certificate last = (X509Certificate) peer[peer.length - 1];
            if (!last.equals(root)) {
                last.verify(root.getPublicKey());
            }
        } catch (SSLPeerUnverifiedException | GeneralSecurityException | ClassCastException e) {
            throw refused("the enrollment server's TLS certificate is not from the CA it sent: the connection "
                    + "may be intercepted", e);
        }
    }

    private static HttpResponse<byte[]> post(EnrollmentRequest request, byte[] wire) {
        URI uri = request.server().resolve("enroll");
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(AnyServer.context())
                    .connectTimeout(request.timeout()).build();
            return http.send(HttpRequest.newBuilder(uri).timeout(request.timeout()).header("Content-Type", MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(wire)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CertificateManagerException(Reason.UNAVAILABLE, "cannot reach the enrollment server " + uri
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateManagerException(Reason.UNAVAILABLE, "interrupted while enrolling at " + uri, e);
        }
    }

    static byte[] csr(EnrollmentRequest request, KeyPair keys) {
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=" + request.clientId()), keys.getPublic());
            List<GeneralName> names = new ArrayList<>();
            request.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            for (InetAddress a : request.ipAddresses()) {
                names.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress()));
            }
            if (!names.isEmpty()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(new JcaContentSignerBuilder(request.keyAlgorithm().signatureAlgorithm())
                    .build(keys.getPrivate())).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the CSR", e);
        }
    }

    private static CertificateManagerException refused(String message, Throwable cause) {
        return new CertificateManagerException(Reason.REFUSED, message, cause);
    }

    /** A TLS context that accepts any server certificate, for the one exchange whose payload is sealed. */
    static final class AnyServer extends javax.net.ssl.X509ExtendedTrustManager {

        static SSLContext context() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[] {new AnyServer()}, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available", e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            // checked after the exchange, against the CA received
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
            // checked after the exchange, against the CA received
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // checked after the exchange, against the CA received
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
