package dev.berth.certs.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.KeyAlgorithm;
import dev.berth.certs.vault.Vault;

/**
 * The CA's certificates and the issuing key. The root key is sealed in the vault and read only to sign the
 * intermediate, at creation; everything day to day is signed by the intermediate.
 */
final class IssuingCa {

    private static final Logger LOG = LoggerFactory.getLogger(IssuingCa.class);
    static final String ROOT_KEY = "ca/root.key";
    static final String AUTHORITY = "ca/authority";

    private final X509Certificate root;
    private final X509Certificate issuing;
    private final PrivateKey issuingKey;
    private final KeyAlgorithm algorithm;

    private IssuingCa(X509Certificate root, X509Certificate issuing, PrivateKey issuingKey, KeyAlgorithm algorithm) {
        this.root = root;
        this.issuing = issuing;
        this.issuingKey = issuingKey;
        this.algorithm = algorithm;
    }

    /** Loads the CA from the vault, creating it at first start. */
    static IssuingCa loadOrCreate(Vault vault, String name, KeyAlgorithm algorithm, Duration rootValidity,
            Duration issuingValidity) throws IOException {
        var stored = vault.read(AUTHORITY);
        if (stored.isPresent()) {
            Properties p = Blobs.decode(stored.get());
            KeyAlgorithm storedAlgorithm = KeyAlgorithm.valueOf(Blobs.required(p, "algorithm"));
            if (storedAlgorithm != algorithm) {
                LOG.info("The CA keeps its {} keys; the configured {} applies to a new CA only", storedAlgorithm,
                        algorithm);
            }
            return new IssuingCa(Blobs.certificate(Blobs.bytes(p, "root")), Blobs.certificate(Blobs.bytes(p, "issuing")),
                    KeyPairs.decode(Blobs.bytes(p, "issuing.key")), storedAlgorithm);
        }
        Instant now = Instant.now();
        KeyPair rootKeys = KeyPairs.generate(algorithm);
        X509Certificate root = CertificateIssuer.root(name, rootKeys, algorithm, now.plus(rootValidity));
        KeyPair issuingKeys = KeyPairs.generate(algorithm);
        X509Certificate issuing = CertificateIssuer.intermediate(name, issuingKeys.getPublic(), root,
                rootKeys.getPrivate(), algorithm, now.plus(issuingValidity));
        Properties p = new Properties();
        p.setProperty("algorithm", algorithm.name());
        p.setProperty("root", Blobs.base64(Blobs.der(root)));
        p.setProperty("issuing", Blobs.base64(Blobs.der(issuing)));
        p.setProperty("issuing.key", Blobs.base64(issuingKeys.getPrivate().getEncoded()));
        Properties rootKey = new Properties();
        rootKey.setProperty("key", Blobs.base64(rootKeys.getPrivate().getEncoded()));
        vault.write(ROOT_KEY, Blobs.encode(rootKey));
        vault.write(AUTHORITY, Blobs.encode(p));
        LOG.info("Created the CA: root '{}' and issuing '{}' ({}), valid until {}", root.getSubjectX500Principal(),
                issuing.getSubjectX500Principal(), algorithm, issuing.getNotAfter().toInstant());
        return new IssuingCa(root, issuing, issuingKeys.getPrivate(), algorithm);
    }

    X509Certificate root() {
        return root;
    }

    X509Certificate issuing() {
        return issuing;
    }

    KeyAlgorithm algorithm() {
        return algorithm;
    }

    X509Certificate issue(CertificateIssuer.Leaf leaf, PublicKey key, BigInteger serial) {
        return CertificateIssuer.leaf(leaf, key, serial, issuing, issuingKey, algorithm);
    }

    X509CRL crl(List<CertificateIssuer.Revoked> revoked, long number, Instant thisUpdate, Instant nextUpdate) {
        return CertificateIssuer.crl(issuing, issuingKey, algorithm, revoked, number, thisUpdate, nextUpdate);
    }
}
