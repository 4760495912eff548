package dev.berth.acme.internal;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.berth.certs.api.Pem;

/**
 * A CA and a TLS server certificate for 127.0.0.1 and localhost, written as PEM files for pebble's listeners (the
 * Debian package ships no test certificates); the CA file is what the client is configured to trust.
 */
final class TestPki {

    final Path caFile;
    final Path serverCertFile;
    final Path serverKeyFile;
    final X509Certificate ca;

    TestPki(Path dir) throws Exception {
        KeyPair caKey = AccountKeys.generate();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=Berth ACME test TLS CA");
        ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), caName, caKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), caKey);
        KeyPair serverKey = AccountKeys.generate();
        X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=localhost"), serverKey.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")})), caKey);
        caFile = Files.writeString(dir.resolve("tls-ca.pem"), Pem.certificates(List.of(ca)));
        serverCertFile = Files.writeString(dir.resolve("tls-cert.pem"), Pem.certificates(List.of(server, ca)));
        serverKeyFile = Files.writeString(dir.resolve("tls-key.pem"), Pem.privateKey(serverKey.getPrivate()));
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
