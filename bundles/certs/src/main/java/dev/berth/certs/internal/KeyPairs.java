package dev.berth.certs.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import dev.berth.certs.api.KeyAlgorithm;

/** Key pairs of the algorithms Berth issues, with the JDK's providers, and PKCS#8 decoding. */
public final class KeyPairs {

    private KeyPairs() {
    }

    public static KeyPair generate(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
            generator.initialize(algorithm.parameters());
            KeyPair keys = generator.generateKeyPair();
            return "EC".equals(algorithm.jcaName()) ? withPublicKey(keys) : keys;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
        }
    }

    /**
     * Re-encodes an EC private key with its public key inside (RFC 5915 allows it to be left out, and the JDK
     * does, but GnuTLS-based clients such as neon and davfs2 then fail to match the key to its certificate).
     */
    private static KeyPair withPublicKey(KeyPair keys) throws GeneralSecurityException, java.io.IOException {
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey) keys.getPrivate();
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getEncoded());
        byte[] point = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())
                .getPublicKeyData().getBytes();
        int bits = ec.getParams().getOrder().bitLength();
        PrivateKeyInfo full = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), new org.bouncycastle.asn1.sec
                .ECPrivateKey(bits, ec.getS(), new org.bouncycastle.asn1.DERBitString(point), null));
        PrivateKey key = java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(full.getEncoded()));
        return new KeyPair(keys.getPublic(), key);
    }

    /**
     * Decodes a PKCS#8 private key with the JDK's key factory for its algorithm ({@code EC} or {@code RSA}),
     * named as the JDK names it: Karaf registers Bouncy Castle as a JCA provider, whose factories name EC keys
     * {@code ECDSA}, which a TLS key manager asked for {@code EC} keys would not offer.
     */
    static PrivateKey decode(byte[] pkcs8) {
        try {
            return java.security.KeyFactory.getInstance(jdkName(PrivateKeyInfo.getInstance(pkcs8)
                    .getPrivateKeyAlgorithm().getAlgorithm())).generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored private key does not decode", e);
        }
    }

    /** Decodes a DER SubjectPublicKeyInfo the same way. */
    static java.security.PublicKey decodePublic(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info)
            throws GeneralSecurityException, java.io.IOException {
        return java.security.KeyFactory.getInstance(jdkName(info.getAlgorithm().getAlgorithm()))
                .generatePublic(new java.security.spec.X509EncodedKeySpec(info.getEncoded()));
    }

    private static String jdkName(org.bouncycastle.asn1.ASN1ObjectIdentifier oid) throws GeneralSecurityException {
        if (org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return "EC";
        }
        if (org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            return "RSA";
        }
        throw new java.security.NoSuchAlgorithmException("unsupported key algorithm " + oid);
    }

    /** Tells the algorithm of a key Berth made, from its type and size. */
    static KeyAlgorithm algorithmOf(java.security.PublicKey key) {
        if (key instanceof java.security.interfaces.ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? KeyAlgorithm.EC_P256 : KeyAlgorithm.EC_P384;
        }
        if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits <= 2048 ? KeyAlgorithm.RSA_2048 : bits <= 3072 ? KeyAlgorithm.RSA_3072 : KeyAlgorithm.RSA_4096;
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }
}
