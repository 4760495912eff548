package dev.berth.volumes.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.Pem;

/** A root and an issuing CA for tests, as Berth's CA makes them, and leaf certificates from it. */
final class TestCa {

    final KeyPair rootKey = keys();
    final X509Certificate root;
    final KeyPair issuingKey = keys();
    final X509Certificate issuing;

    TestCa() throws Exception {
        root = sign("CN=Test Root", rootKey, "CN=Test Root", rootKey.getPublic(), true, List.of(), false,
                Instant.now().plusSeconds(86_400));
        issuing = sign("CN=Test Root", rootKey, "CN=Test Issuing", issuingKey.getPublic(), true, List.of(), false,
                Instant.now().plusSeconds(86_400));
    }

    static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate for names (DNS names, or IP literals with a dot or colon and only digits). */
    CertificateMaterial server(Instant notAfter, String... names) throws Exception {
        KeyPair k = keys();
        X509Certificate c = sign("CN=Test Issuing", issuingKey, "CN=" + names[0], k.getPublic(), false,
                List.of(names), false, notAfter);
        return new CertificateMaterial(k.getPrivate(), c, List.of(issuing), root);
    }

    CertificateMaterial client(String cn, Instant notAfter) throws Exception {
        KeyPair k = keys();
        X509Certificate c = sign("CN=Test Issuing", issuingKey, "CN=" + cn, k.getPublic(), false, List.of(), true,
                notAfter);
        return new CertificateMaterial(k.getPrivate(), c, List.of(issuing), root);
    }

    static SetFiles files(CertificateMaterial m) {
        return new SetFiles(m.certificatePem(), m.privateKeyPem(), m.chainPem(), m.rootPem());
    }

    String rootPem() {
        return Pem.certificates(List.of(root));
    }

    private static X509Certificate sign(String issuer, KeyPair issuerKey, String subject,
            java.security.PublicKey key, boolean ca, List<String> names, boolean client, Instant notAfter)
            throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                new BigInteger(64, new SecureRandom()), Date.from(Instant.now().minusSeconds(60)), Date.from(notAfter),
                new X500Name(subject), key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(client
                    ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
        }
        if (!names.isEmpty()) {
            List<GeneralName> san = new ArrayList<>();
            for (String n : names) {
                san.add(n.matches("[0-9.:a-f]+") && (n.contains(":") || n.matches("[0-9.]+"))
                        ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                        : new GeneralName(GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(new GeneralName[0])));
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuerKey.getPrivate())));
    }
}
