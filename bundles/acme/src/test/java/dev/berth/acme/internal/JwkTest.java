package dev.berth.acme.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import java.util.TreeMap;

import org.junit.Test;

public class JwkTest {

    /** RFC 7638 section 3.1: the example RSA key and its published SHA-256 thumbprint. */
    static final String RFC7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6"
            + "tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368"
            + "QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPks"
            + "INHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    static final String RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    @Test
    public void rsaKeyGivesTheRfc7638Thumbprint() throws Exception {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64Url.decode(RFC7638_N)), new BigInteger(1, Base64Url.decode("AQAB"))));
        Map<String, String> members = Jwk.members(key);
        assertEquals(RFC7638_N, members.get("n"));
        assertEquals("AQAB", members.get("e"));
        assertEquals(RFC7638_THUMBPRINT, Jwk.thumbprint(key));
    }

    @Test
    public void thumbprintSortsMembers() {
        Map<String, String> unordered = new TreeMap<>((a, b) -> b.compareTo(a));
        unordered.put("e", "AQAB");
        unordered.put("kty", "RSA");
        unordered.put("n", RFC7638_N);
        assertEquals(RFC7638_THUMBPRINT, Jwk.thumbprint(unordered));
    }

    @Test
    public void ecMembersAreFixedLengthCoordinatesInOrder() throws Exception {
        KeyPair pair = AccountKeys.generate();
        Map<String, String> members = Jwk.members(pair.getPublic());
        assertEquals(java.util.List.of("crv", "kty", "x", "y"), java.util.List.copyOf(members.keySet()));
        assertEquals("P-256", members.get("crv"));
        byte[] x = Base64Url.decode(members.get("x"));
        byte[] y = Base64Url.decode(members.get("y"));
        assertEquals(32, x.length);
        assertEquals(32, y.length);
        // The coordinates rebuild the same key.
        ECPublicKey original = (ECPublicKey) pair.getPublic();
        PublicKey rebuilt = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), original.getParams()));
        assertArrayEquals(original.getEncoded(), rebuilt.getEncoded());
        assertEquals(43, Jwk.thumbprint(pair.getPublic()).length());
        assertNotEquals(Jwk.thumbprint(pair.getPublic()), Jwk.thumbprint(AccountKeys.generate().getPublic()));
    }
}
