package dev.berth.acme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.berth.acme.api.AcmeException;
import dev.berth.acme.api.AcmeStatus;
import dev.berth.acme.api.IssuedChain;
import dev.berth.acme.api.RevocationReason;
import dev.berth.certs.api.SecretStore;

/** Issuance against the real pebble ACME server with real http-01 validation, all on loopback. */
public class PebbleIssuanceTest {

    private Path dir;
    private TestPki pki;
    private LoopbackDns dns;
    private PebbleServer pebble;
    private int httpPort;
    /**
     * One responder for the whole test, bound before pebble starts: a port of the ephemeral range, once let go,
     * can be taken by any outgoing connection before it is bound again.
     */
    private Http01Responder responder;
    private final java.util.List<AcmeIssuerService> services = new java.util.ArrayList<>();

    @Before
    public void start() throws Exception {
        dir = Files.createTempDirectory("berth-acme-pebble");
        pki = new TestPki(dir);
        dns = new LoopbackDns();
        responder = new Http01Responder(new InetSocketAddress("127.0.0.1", 0));
        httpPort = responder.address().getPort();
        pebble = new PebbleServer(dir, pki, dns.port(), httpPort, Map.of());
    }

    @After
    public void stop() throws Exception {
        services.forEach(AcmeIssuerService::stop);
        if (responder != null) {
            responder.close();
        }
        if (pebble != null) {
            pebble.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void issuesAChainThatVerifiesAgainstPebblesRoot() throws Exception {
        AcmeIssuerService issuer = issuer(false, null);
        KeyPair certificateKey = AccountKeys.generate();
        List<String> names = List.of("www.berth-acme.test", "api.berth-acme.test");

        IssuedChain chain = issuer.issue(names, certificateKey);

        X509Certificate leaf = chain.leaf();
        assertEquals(names.stream().collect(Collectors.toSet()), dnsNames(leaf));
        assertEquals(certificateKey.getPublic(), leaf.getPublicKey());
        X509Certificate intermediate = pebble.managementCertificate("intermediates/0");
        X509Certificate root = pebble.managementCertificate("roots/0");
        leaf.verify(intermediate.getPublicKey());
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, intermediate)), params);
        assertTrue(chain.certificates().contains(intermediate));
        assertTrue(chain.location().toString().startsWith("https://127.0.0.1:" + pebble.acmePort + "/"));

        AcmeStatus status = issuer.status();
        assertTrue(status.reachable());
        assertTrue(status.accountUrl().orElseThrow().startsWith("https://127.0.0.1:" + pebble.acmePort + "/"));
        assertEquals(Optional.empty(), status.lastError());
        assertTrue(pebble.output.toString(), pebble.output.toString().contains("www.berth-acme.test"));
    }

    @Test
    public void aCertificateIsRevokedWithItsReasonAndOnlyOnce() throws Exception {
        AcmeIssuerService issuer = issuer(false, null);
        X509Certificate leaf = issuer.issue(List.of("gone.berth-acme.test"), AccountKeys.generate()).leaf();
        String serial = leaf.getSerialNumber().toString(16);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var before = json.readTree(pebble.managementJson("cert-status-by-serial/" + serial));
        assertEquals(before.toString(), "Valid", before.path("Status").asText());

        issuer.revoke(leaf, RevocationReason.CESSATION_OF_OPERATION);

        var after = json.readTree(pebble.managementJson("cert-status-by-serial/" + serial));
        assertEquals(after.toString(), "Revoked", after.path("Status").asText());
        assertEquals(after.toString(), 5, after.path("Reason").asInt());
        try {
            issuer.revoke(leaf, RevocationReason.CESSATION_OF_OPERATION);
            fail("a second revocation is refused");
        } catch (AcmeException e) {
            assertTrue(e.getMessage(), e.is("alreadyRevoked"));
        }
    }

    @Test
    public void accountKeyLivesInTheSecretStoreAndFindsTheSameAccount() throws Exception {
        MemorySecretStore store = new MemorySecretStore();
        AcmeIssuerService first = issuer(true, store);
        first.issue(List.of("one.berth-acme.test"), AccountKeys.generate());
        String account = first.status().accountUrl().orElseThrow();
        String[] names = AccountKeys.names(pebble.directory().toString());
        assertEquals(List.of(names[0], names[1]), store.secretNames("acme/"));
        first.stop();
        services.remove(first);

        AcmeIssuerService second = issuer(true, store);
        second.issue(List.of("two.berth-acme.test"), AccountKeys.generate());
        assertEquals(account, second.status().accountUrl().orElseThrow());
        second.stop();
        services.remove(second);

        AcmeIssuerService fresh = issuer(true, new MemorySecretStore());
        fresh.issue(List.of("three.berth-acme.test"), AccountKeys.generate());
        assertNotEquals(account, fresh.status().accountUrl().orElseThrow());
    }

    @Test
    public void withoutTheSecretStoreIssuanceSaysWhy() throws Exception {
        AcmeIssuerService issuer = issuer(true, null);
        try {
            issuer.issue(List.of("x.berth-acme.test"), AccountKeys.generate());
            fail("issued without the secret store");
        } catch (AcmeException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("secret store is not available"));
        }
    }

    @Test
    public void pebblesProblemDocumentReachesTheCaller() throws Exception {
        AcmeIssuerService issuer = issuer(false, null);
        // A CSR for other names than the order's: pebble refuses it at finalize.
        byte[] csr = CsrBuilder.csr(List.of("other.berth-acme.test"), AccountKeys.generate());
        try {
            issuer.issue(List.of("order.berth-acme.test"), csr);
            fail("pebble accepted a CSR for other names");
        } catch (AcmeException e) {
            // Pebble 2.4 answers unauthorized here (Boulder says badCSR); either way a problem document.
            assertEquals(e.getMessage(), Optional.of("urn:ietf:params:acme:error:unauthorized"), e.problemType());
            assertTrue(e.detail(), e.detail().contains("CSR is missing Order domain \"order.berth-acme.test\""));
            assertEquals(403, e.httpStatus());
            assertEquals(e.getMessage(), issuer.status().lastError().orElseThrow());
        }
    }

    @Test
    public void failedHttp01ValidationIsReported() throws Exception {
        // The responder listens elsewhere than where pebble validates, so pebble gets connection refused.
        responder.close();
        AcmeIssuerService issuer = new AcmeIssuerService(settings(false,
                new InetSocketAddress("127.0.0.1", 0)));
        services.add(issuer);
        try {
            issuer.issue(List.of("unreachable.berth-acme.test"), AccountKeys.generate());
            fail("issued without a reachable http-01 responder");
        } catch (AcmeException e) {
            assertEquals(e.getMessage(), Optional.of("urn:ietf:params:acme:error:connection"), e.problemType());
            assertTrue(e.getMessage(), e.detail().startsWith("authorization for unreachable.berth-acme.test is "
                    + "invalid: "));
            assertTrue(e.getMessage(), e.detail().contains(":" + httpPort + "/.well-known/acme-challenge/"));
        }
    }

    @Test
    public void theResponderListensOnlyWhileAnIssuanceWaitsForItsChallenges() throws Exception {
        responder.close();
        AcmeIssuerService issuer = new AcmeIssuerService(settings(false, new InetSocketAddress("127.0.0.1", httpPort)));
        services.add(issuer);
        assertFalse("no plain-HTTP port at rest", listening(httpPort));
        IssuedChain chain = issuer.issue(List.of("own.berth-acme.test"), AccountKeys.generate());
        assertEquals(Set.of("own.berth-acme.test"), dnsNames(chain.certificates().get(0)));
        assertFalse("the responder closed with the issuance", listening(httpPort));
        assertEquals("127.0.0.1:" + httpPort, issuer.status().http01Address());
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    public void untrustedServerIsRefused() throws Exception {
        // Trusting another CA than the one that signed pebble's TLS certificate: the TLS handshake must fail.
        Path otherDir = Files.createDirectory(dir.resolve("other"));
        TestPki other = new TestPki(otherDir);
        AcmeSettings s = settings(false, new InetSocketAddress("127.0.0.1", 0));
        AcmeIssuerService issuer = new AcmeIssuerService(new AcmeSettings(s.directoryUrl(), other.caFile,
                s.contacts(), true, s.http01Bind(), false, s.timeout(), dir));
        services.add(issuer);
        AcmeStatus status = issuer.status();
        assertTrue(!status.reachable());
        String error = status.lastError().orElseThrow();
        assertTrue(error, error.contains("cannot reach the ACME server at " + pebble.directory()));
        assertTrue(error, error.contains("PKIX path"));
    }

    @Test
    public void rejectedNonceIsRetriedOnceThenReported() throws Exception {
        pebble.close();
        pebble = new PebbleServer(dir, pki, dns.port(), httpPort, Map.of("PEBBLE_WFE_NONCEREJECT", "100"));
        AcmeIssuerService issuer = issuer(false, null);
        try {
            issuer.issue(List.of("nonce.berth-acme.test"), AccountKeys.generate());
            fail("pebble rejecting every nonce let an issuance through");
        } catch (AcmeException e) {
            assertTrue(e.getMessage(), e.is("badNonce"));
            assertEquals(1, issuer.transport().nonceRetries());
        }
    }

    private AcmeIssuerService issuer(boolean inSecretStore, SecretStore store) {
        AcmeIssuerService issuer = new AcmeIssuerService(settings(inSecretStore,
                new InetSocketAddress("127.0.0.1", httpPort)), responder);
        issuer.secretStore = store;
        services.add(issuer);
        return issuer;
    }

    private AcmeSettings settings(boolean inSecretStore, InetSocketAddress http01) {
        return new AcmeSettings(pebble.directory(), pki.caFile, List.of("mailto:ops@berth-acme.test"), true, http01,
                inSecretStore, Duration.ofSeconds(60), dir);
    }

    private static Set<String> dnsNames(X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames().stream().filter(n -> (Integer) n.get(0) == 2)
                .map(n -> (String) n.get(1)).collect(Collectors.toSet());
    }
}
