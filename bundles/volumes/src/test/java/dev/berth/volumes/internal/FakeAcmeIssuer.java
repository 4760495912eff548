package dev.berth.volumes.internal;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.berth.acme.api.AcmeException;
import dev.berth.acme.api.AcmeIssuer;
import dev.berth.acme.api.AcmeStatus;
import dev.berth.acme.api.IssuedChain;
import dev.berth.certs.api.Pem;

/**
 * An ACME CA for tests: a root (not sent, as ACME CAs do), an intermediate sent after the leaf, certificates of a
 * set lifetime starting at the test's clock, a refusal on demand, and the names of every order.
 */
final class FakeAcmeIssuer implements AcmeIssuer {

    final KeyPair rootKey = TestCa.keys();
    final KeyPair intermediateKey = TestCa.keys();
    final X509Certificate root;
    final X509Certificate intermediate;
    final Clock clock;
    final List<List<String>> orders = new CopyOnWriteArrayList<>();
    volatile Duration lifetime = Duration.ofDays(90);
    volatile boolean refusing;
    /** The serials revoked, in order. */
    final List<java.math.BigInteger> revoked = new CopyOnWriteArrayList<>();
    /** Whether revocations fail as if the CA did not answer. */
    volatile boolean unreachable;

    FakeAcmeIssuer(Clock clock) throws Exception {
        this.clock = clock;
        Instant now = clock.instant();
        root = sign("CN=Fake ACME Root", rootKey, "CN=Fake ACME Root", rootKey.getPublic(), true, List.of(),
                now.minusSeconds(3600), now.plus(Duration.ofDays(3650)));
        intermediate = sign("CN=Fake ACME Root", rootKey, "CN=Fake ACME Intermediate", intermediateKey.getPublic(),
                true, List.of(), now.minusSeconds(3600), now.plus(Duration.ofDays(3650)));
    }

    String rootPem() {
        return Pem.certificates(List.of(root));
    }

    @Override
    public IssuedChain issue(List<String> dnsNames, KeyPair certificateKey) {
        orders.add(List.copyOf(dnsNames));
        if (refusing) {
            throw new AcmeException(AcmeException.ACME_ERROR_PREFIX + "rejectedIdentifier",
                    "the CA will not issue for " + dnsNames, 400);
        }
        try {
            Instant now = clock.instant();
            X509Certificate leaf = sign("CN=Fake ACME Intermediate", intermediateKey, "CN=" + dnsNames.get(0),
                    certificateKey.getPublic(), false, dnsNames, now, now.plus(lifetime));
            return new IssuedChain(List.of(leaf, intermediate), URI.create("https://acme.test/cert/"
                    + leaf.getSerialNumber().toString(16)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void revoke(X509Certificate certificate, dev.berth.acme.api.RevocationReason reason) {
        if (reason != dev.berth.acme.api.RevocationReason.CESSATION_OF_OPERATION) {
            throw new AssertionError("a volume's certificate is revoked for cessation of operation, not " + reason);
        }
        if (unreachable) {
            throw new AcmeException("the ACME CA does not answer", null);
        }
        if (revoked.contains(certificate.getSerialNumber())) {
            throw new AcmeException(AcmeException.ACME_ERROR_PREFIX + "alreadyRevoked", "revoked already", 400);
        }
        revoked.add(certificate.getSerialNumber());
    }

    @Override
    public IssuedChain issue(List<String> dnsNames, byte[] csrDer) {
        throw new UnsupportedOperationException("the volume driver passes a key pair");
    }

    @Override
    public AcmeStatus status() {
        return new AcmeStatus("https://acme.test/dir", true, Optional.empty(), Optional.empty(), "memory",
                "127.0.0.1:5002", Optional.empty());
    }

    private static X509Certificate sign(String issuer, KeyPair issuerKey, String subject, java.security.PublicKey key,
            boolean ca, List<String> names, Instant notBefore, Instant notAfter) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                new BigInteger(64, new SecureRandom()), Date.from(notBefore), Date.from(notAfter),
                new X500Name(subject), key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!names.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream()
                    .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuerKey.getPrivate())));
    }
}
