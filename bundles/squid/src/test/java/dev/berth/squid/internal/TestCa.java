package dev.berth.squid.internal;

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

/** A root and an issuing CA for tests, shaped like Berth's CA, issuing the ICAP link's and the sites' certificates. */
final class TestCa implements IcapCertificates, SiteCertificates {

    final KeyPair rootKey = keys();
    final X509Certificate root;
    final KeyPair issuingKey = keys();
    final X509Certificate issuing;
    private final String clientName;

    /** @param clientName the common name of the client certificates it issues */
    TestCa(String clientName) throws Exception {
        this.clientName = clientName;
        root = sign("CN=Test Root", rootKey, "CN=Test Root", rootKey, true, null, List.of(), List.of());
        issuing = sign("CN=Test Root", rootKey, "CN=Test Issuing", issuingKey, true, null, List.of(), List.of());
    }

    @Override
    public CertificateMaterial server() {
        return issue(KeyPurposeId.id_kp_serverAuth, SquidConfigRenderer.ICAP_TLS_NAME,
                List.of(SquidConfigRenderer.ICAP_TLS_NAME), List.of(InetAddress.getLoopbackAddress()));
    }

    @Override
    public CertificateMaterial client() {
        return client(clientName);
    }

    @Override
    public CertificateMaterial material(List<String> hosts) {
        return issue(KeyPurposeId.id_kp_serverAuth, hosts.get(0), hosts, List.of());
    }

    /** A client certificate of this CA for any common name. */
    CertificateMaterial client(String cn) {
        return issue(KeyPurposeId.id_kp_clientAuth, cn, List.of(), List.of());
    }

    private CertificateMaterial issue(KeyPurposeId purpose, String cn, List<String> names, List<InetAddress> ips) {
        try {
            KeyPair k = keys();
            X509Certificate c = sign("CN=Test Issuing", issuingKey, "CN=" + cn, k, false, purpose, names, ips);
            return new CertificateMaterial(k.getPrivate(), c, List.of(issuing), root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(String issuer, KeyPair issuerKey, String subject, KeyPair subjectKey, boolean ca,
            KeyPurposeId purpose, List<String> names, List<InetAddress> ips) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                new BigInteger(64, new SecureRandom()), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(86_400)), new X500Name(subject), subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            List<GeneralName> san = new ArrayList<>();
            names.forEach(n -> san.add(new GeneralName(GeneralName.dNSName, n)));
            ips.forEach(ip -> san.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress())));
            if (!san.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(san.toArray(GeneralName[]::new)));
            }
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }
}
