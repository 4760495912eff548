package dev.berth.acme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class JwsSignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyPair key = AccountKeys.generate();
    private final JwsSigner signer = new JwsSigner(key);

    @Test
    public void newAccountRequestCarriesTheJwkAndVerifies() throws Exception {
        JsonNode jws = JSON.readTree(signer.sign(URI.create("https://ca.test/new-acct"), "n0nce", null,
                "{\"termsOfServiceAgreed\":true}"));
        JsonNode header = JSON.readTree(Base64Url.decode(jws.get("protected").asText()));
        assertEquals("ES256", header.get("alg").asText());
        assertEquals("n0nce", header.get("nonce").asText());
        assertEquals("https://ca.test/new-acct", header.get("url").asText());
        assertFalse(header.has("kid"));
        assertEquals(Jwk.members(key.getPublic()).get("x"), header.get("jwk").get("x").asText());
        assertEquals("{\"termsOfServiceAgreed\":true}",
                new String(Base64Url.decode(jws.get("payload").asText()), StandardCharsets.UTF_8));
        assertTrue(verifies(jws));
    }

    @Test
    public void postAsGetHasKidAndEmptyPayload() throws Exception {
        JsonNode jws = JSON.readTree(signer.sign(URI.create("https://ca.test/order/1"), "n", "https://ca.test/acct/7",
                null));
        JsonNode header = JSON.readTree(Base64Url.decode(jws.get("protected").asText()));
        assertEquals("https://ca.test/acct/7", header.get("kid").asText());
        assertFalse(header.has("jwk"));
        assertEquals("", jws.get("payload").asText());
        assertTrue(verifies(jws));
    }

    @Test
    public void keyAuthorizationIsTokenDotThumbprint() {
        assertEquals("tok-EN_1." + Jwk.thumbprint(key.getPublic()), signer.keyAuthorization("tok-EN_1"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesRsaAccountKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        new JwsSigner(rsa.generateKeyPair());
    }

    private boolean verifies(JsonNode jws) throws Exception {
        byte[] signature = Base64Url.decode(jws.get("signature").asText());
        assertEquals(64, signature.length); // R || S, not DER
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key.getPublic());
        verifier.update((jws.get("protected").asText() + "." + jws.get("payload").asText())
                .getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
    }
}
