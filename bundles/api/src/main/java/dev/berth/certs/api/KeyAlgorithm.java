package dev.berth.certs.api;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/** The key types Berth's CA issues and signs with. */
public enum KeyAlgorithm {

    /** ECDSA on NIST P-256 with SHA-256: the default, fast and accepted everywhere. */
    EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
    /** ECDSA on NIST P-384 with SHA-384. */
    EC_P384("EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
    /** RSA 2048 with SHA-256, for peers that cannot do ECDSA. */
    RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
    /** RSA 3072 with SHA-256. */
    RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
    /** RSA 4096 with SHA-384. */
    RSA_4096("RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), "SHA384withRSA");

    private final String jcaName;
    private final AlgorithmParameterSpec parameters;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, AlgorithmParameterSpec parameters, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.parameters = parameters;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * Returns the JCA key algorithm name.
     *
     * @return {@code EC} or {@code RSA}
     */
    public String jcaName() {
        return jcaName;
    }

    /**
     * Returns the key generation parameters.
     *
     * @return the curve or the modulus size
     */
    public AlgorithmParameterSpec parameters() {
        return parameters;
    }

    /**
     * Returns the JCA signature algorithm a key of this type signs with.
     *
     * @return for example {@code SHA256withECDSA}
     */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /**
     * Parses a configured name, case-insensitively, with {@code -} or {@code _}: {@code ec-p256},
     * {@code RSA_3072}.
     *
     * @param name the name
     * @return the algorithm
     * @throws IllegalArgumentException when no algorithm has that name, listing the valid ones
     */
    public static KeyAlgorithm parse(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (KeyAlgorithm a : values()) {
            if (a.name().equals(normalized)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown key algorithm '" + name + "'; use one of "
                + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
