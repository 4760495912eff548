package dev.berth.acme.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Public keys as JSON Web Keys (RFC 7517) and their thumbprints (RFC 7638). The member map is in lexicographic
 * order and holds only the required members, which makes its compact JSON the thumbprint's input.
 */
final class Jwk {

    private Jwk() {
    }

    /**
     * The required members of a public key's JWK, in lexicographic order.
     *
     * @param key an EC P-256 or RSA public key
     * @return the members
     */
    static Map<String, String> members(PublicKey key) {
        Map<String, String> jwk = new LinkedHashMap<>();
        if (key instanceof ECPublicKey ec) {
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            if (size != 32) {
                throw new IllegalArgumentException("only P-256 account keys are supported, not a " + size * 8
                        + "-bit curve");
            }
            jwk.put("crv", "P-256");
            jwk.put("kty", "EC");
            jwk.put("x", Base64Url.encode(fixed(ec.getW().getAffineX(), size)));
            jwk.put("y", Base64Url.encode(fixed(ec.getW().getAffineY(), size)));
        } else if (key instanceof RSAPublicKey rsa) {
            jwk.put("e", Base64Url.encode(unsigned(rsa.getPublicExponent())));
            jwk.put("kty", "RSA");
            jwk.put("n", Base64Url.encode(unsigned(rsa.getModulus())));
        } else {
            throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
        }
        return jwk;
    }

    /**
     * The RFC 7638 SHA-256 thumbprint of a JWK given by its required members.
     *
     * @param requiredMembers the members, for example from {@link #members(PublicKey)}
     * @return the base64url thumbprint
     */
    static String thumbprint(Map<String, String> requiredMembers) {
        StringBuilder json = new StringBuilder("{");
        requiredMembers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (json.length() > 1) {
                json.append(',');
            }
            // Member names and values of the required members are base64url or fixed ASCII: nothing to escape.
            json.append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
        });
        json.append('}');
        return Base64Url.encode(sha256(json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The thumbprint of a public key.
     *
     * @param key the key
     * @return the base64url thumbprint
     */
    static String thumbprint(PublicKey key) {
        return thumbprint(members(key));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger value, int size) {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[size];
        System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
        return out;
    }
}
