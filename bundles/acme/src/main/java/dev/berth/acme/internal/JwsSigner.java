package dev.berth.acme.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signs ACME requests as flattened JWS objects (RFC 7515, RFC 8555 section 6.2) with ES256 under an EC P-256
 * account key: the public key as "jwk" until the account has a URL, then the account URL as "kid".
 */
final class JwsSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair accountKey;

    JwsSigner(KeyPair accountKey) {
        if (!(accountKey.getPublic() instanceof ECPublicKey)) {
            throw new IllegalArgumentException("the ACME account key must be an EC P-256 key");
        }
        Jwk.members(accountKey.getPublic()); // rejects other curves now rather than at the first request
        this.accountKey = accountKey;
    }

    /** The account key's RFC 7638 thumbprint, the second half of every key authorization. */
    String thumbprint() {
        return Jwk.thumbprint(accountKey.getPublic());
    }

    /**
     * The key authorization of a challenge token (RFC 8555 section 8.1).
     *
     * @param token the challenge's token
     * @return {@code token + "." + thumbprint}
     */
    String keyAuthorization(String token) {
        return token + "." + thumbprint();
    }

    /**
     * Signs a request body.
     *
     * @param url the request URL, repeated in the protected header
     * @param nonce a fresh nonce of the server
     * @param accountUrl the account URL, or null to send the public key (newAccount)
     * @param payload the JSON payload, or null for POST-as-GET (empty payload)
     * @return the flattened JWS JSON
     */
    String sign(URI url, String nonce, String accountUrl, String payload) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "ES256");
        header.put("nonce", nonce);
        header.put("url", url.toString());
        if (accountUrl == null) {
            ObjectNode jwk = header.putObject("jwk");
            Jwk.members(accountKey.getPublic()).forEach(jwk::put);
        } else {
            header.put("kid", accountUrl);
        }
        String protectedPart = Base64Url.encode(header.toString());
        String payloadPart = payload == null ? "" : Base64Url.encode(payload);
        ObjectNode jws = JSON.createObjectNode();
        jws.put("protected", protectedPart);
        jws.put("payload", payloadPart);
        jws.put("signature", Base64Url.encode(es256(protectedPart + "." + payloadPart)));
        return jws.toString();
    }

    private byte[] es256(String signingInput) {
        try {
            // The P1363 format is JWS's R || S, 64 bytes for P-256, rather than the DER of the JCA default.
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(accountKey.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the ACME account key", e);
        }
    }
}
