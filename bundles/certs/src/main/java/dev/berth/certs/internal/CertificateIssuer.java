package dev.berth.certs.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.KeyAlgorithm;

/** Builds and signs X.509 certificates and CRLs with Bouncy Castle's builders and the JDK's signature providers. */
final class CertificateIssuer {

    /** Validity starts a little in the past, so that a peer whose clock is slightly behind accepts it at once. */
    static final java.time.Duration BACKDATE = java.time.Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** What a leaf certificate is issued for. */
    record Leaf(String commonName, List<String> dnsNames, List<InetAddress> ipAddresses, CertificateProfile profile,
            Instant notAfter) {
    }

    static BigInteger newSerial() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[0] &= 0x7f;
        bytes[0] |= 0x40; // always 16 bytes long, positive and non-zero
        return new BigInteger(bytes);
    }

    static X509Certificate root(String name, KeyPair keys, KeyAlgorithm algorithm, Instant notAfter) {
        X500Name subject = name(name + " Root");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, newSerial(), start(),
                Date.from(notAfter), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate(), algorithm);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build the root certificate", e);
        }
    }

    static X509Certificate intermediate(String name, PublicKey key, X509Certificate root, PrivateKey rootKey,
            KeyAlgorithm rootAlgorithm, Instant notAfter) {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root, newSerial(), start(),
                Date.from(min(notAfter, root.getNotAfter().toInstant())), name(name + " Issuing"), key);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(root));
            return sign(builder, rootKey, rootAlgorithm);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build the issuing certificate", e);
        }
    }

    static X509Certificate leaf(Leaf leaf, PublicKey key, BigInteger serial, X509Certificate issuer,
            PrivateKey issuerKey, KeyAlgorithm issuerAlgorithm) {
        Instant notAfter = min(leaf.notAfter(), issuer.getNotAfter().toInstant());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, start(),
                Date.from(notAfter), name(leaf.commonName()), key);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature | ("RSA".equals(key.getAlgorithm()) ? KeyUsage.keyEncipherment : 0);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            List<KeyPurposeId> purposes = new ArrayList<>();
            if (leaf.profile().server()) {
                purposes.add(KeyPurposeId.id_kp_serverAuth);
            }
            if (leaf.profile().client()) {
                purposes.add(KeyPurposeId.id_kp_clientAuth);
            }
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
            List<GeneralName> names = new ArrayList<>();
            leaf.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            leaf.ipAddresses().forEach(a -> names.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress())));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            return sign(builder, issuerKey, issuerAlgorithm);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build a certificate for " + leaf.commonName(), e);
        }
    }

    /** A revoked certificate as the CRL lists it. */
    record Revoked(BigInteger serial, Instant when, int reasonCode) {
    }

    static X509CRL crl(X509Certificate issuer, PrivateKey issuerKey, KeyAlgorithm algorithm, List<Revoked> revoked,
            long number, Instant thisUpdate, Instant nextUpdate) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (Revoked r : revoked) {
            builder.addCRLEntry(r.serial(), Date.from(r.when()), r.reasonCode());
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(issuerKey, algorithm)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the CRL", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, KeyAlgorithm algorithm)
            throws GeneralSecurityException {
        try {
            X509CertificateHolder holder = builder.build(signer(key, algorithm));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + algorithm, e);
        }
    }

    private static ContentSigner signer(PrivateKey key, KeyAlgorithm algorithm) throws OperatorCreationException {
        return new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(key);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static Date start() {
        return Date.from(Instant.now().minus(BACKDATE));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
