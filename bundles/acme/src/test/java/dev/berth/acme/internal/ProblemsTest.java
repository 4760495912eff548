package dev.berth.acme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

import dev.berth.acme.api.AcmeException;

public class ProblemsTest {

    @Test
    public void problemDocumentWithSubproblems() {
        // RFC 8555 section 6.7.1's example.
        String doc = "{\"type\": \"urn:ietf:params:acme:error:malformed\","
                + "\"detail\": \"Some of the identifiers requested were rejected\","
                + "\"subproblems\": ["
                + "{\"type\": \"urn:ietf:params:acme:error:malformed\","
                + " \"detail\": \"Invalid underscore in DNS name \\\"_example.org\\\"\","
                + " \"identifier\": {\"type\": \"dns\", \"value\": \"_example.org\"}},"
                + "{\"type\": \"urn:ietf:params:acme:error:rejectedIdentifier\","
                + " \"detail\": \"This CA will not issue for \\\"example.net\\\"\","
                + " \"identifier\": {\"type\": \"dns\", \"value\": \"example.net\"}}]}";
        AcmeException e = Problems.fromResponse(403, "application/problem+json",
                doc.getBytes(StandardCharsets.UTF_8));
        assertEquals("urn:ietf:params:acme:error:malformed", e.problemType().orElseThrow());
        assertTrue(e.is("malformed"));
        assertEquals(403, e.httpStatus());
        assertTrue(e.detail(), e.detail().startsWith("Some of the identifiers requested were rejected; "));
        assertTrue(e.detail(), e.detail().contains("example.net: urn:ietf:params:acme:error:rejectedIdentifier"));
        assertTrue(e.getMessage(), e.getMessage().contains("urn:ietf:params:acme:error:malformed (HTTP 403)"));
    }

    @Test
    public void badNonceIsRecognised() {
        AcmeException e = Problems.fromResponse(400, "application/problem+json",
                "{\"type\":\"urn:ietf:params:acme:error:badNonce\",\"detail\":\"JWS has an invalid anti-replay nonce\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(e.is("badNonce"));
        assertFalse(e.is("malformed"));
        assertEquals("JWS has an invalid anti-replay nonce", e.detail());
    }

    @Test
    public void nonJsonBodyKeepsStatusAndStart() {
        AcmeException e = Problems.fromResponse(502, "text/html", "<html>Bad gateway</html>"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(502, e.httpStatus());
        assertEquals("about:blank", e.problemType().orElseThrow());
        assertTrue(e.detail(), e.detail().contains("<html>Bad gateway</html>"));
    }
}
