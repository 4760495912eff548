package dev.berth.certs.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;

/**
 * Checks a PKCS#10 request: well formed, signed by the key it carries (proof of possession), a key type Berth
 * accepts, and reads the names it asks for from its extension request.
 */
final class CsrCheck {

    /** What a valid CSR asks for. */
    record Asked(PublicKey key, List<String> dnsNames, List<InetAddress> ipAddresses) {
    }

    private CsrCheck() {
    }

    static Asked check(byte[] der) {
        JcaPKCS10CertificationRequest csr;
        PublicKey key;
        try {
            csr = new JcaPKCS10CertificationRequest(der);
            key = KeyPairs.decodePublic(csr.getSubjectPublicKeyInfo());
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw invalid("the CSR's signature does not verify with its public key", null);
            }
        } catch (IOException | IllegalArgumentException | ClassCastException | OperatorCreationException
                | PKCSException | java.security.GeneralSecurityException e) {
            throw invalid("the CSR does not parse or verify: " + e.getMessage(), e);
        }
        checkKey(key);
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        for (Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            Extensions extensions = Extensions.getInstance(a.getAttrValues().getObjectAt(0));
            GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            for (GeneralName n : names == null ? new GeneralName[0] : names.getNames()) {
                if (n.getTagNo() == GeneralName.dNSName) {
                    dns.add(NamePolicy.checkDnsName(n.getName().toString()));
                } else if (n.getTagNo() == GeneralName.iPAddress) {
                    ips.add(address(ASN1OctetString.getInstance(n.getName()).getOctets()));
                } else {
                    throw invalid("the CSR asks for a subject alternative name of type " + n.getTagNo()
                            + "; only DNS names and IP addresses are issued", null);
                }
            }
        }
        return new Asked(key, dns, ips);
    }

    private static void checkKey(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384) {
                throw invalid("EC keys must be on P-256 or P-384, not a " + bits + "-bit curve", null);
            }
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw invalid("RSA keys must have at least 2048 bits", null);
            }
        } else {
            throw invalid("unsupported key type " + key.getAlgorithm() + "; use EC P-256, P-384 or RSA", null);
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            if (bytes.length != 4 && bytes.length != 16) {
                throw new UnknownHostException("length " + bytes.length);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw invalid("the CSR holds an invalid IP address", e);
        }
    }

    private static CertificateManagerException invalid(String message, Throwable cause) {
        return new CertificateManagerException(Reason.INVALID, message, cause);
    }
}
