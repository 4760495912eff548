package dev.berth.certs.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.Tools;
import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.EnrollmentClientSpec;
import dev.berth.certs.api.EnrollmentRequest;
import dev.berth.certs.api.KeyAlgorithm;
import dev.berth.certs.api.Pem;
import dev.berth.certs.enroll.EnrollmentTestAccess;
import dev.berth.certs.enroll.HttpEnrollmentClient;
import dev.berth.certs.enroll.Payloads;
import dev.berth.certs.enroll.SealedMessage;
import dev.berth.certs.enroll.SealedMessage.Type;

/** The sealed-CSR enrollment protocol end to end over HTTPS, and every way a message can be wrong. */
public class EnrollmentTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private CertificateManager manager;
    private URI server;
    private byte[] psk;
    private final HttpEnrollmentClient client = new HttpEnrollmentClient();

    @Before
    public void start() throws Exception {
        manager = new CertificateManager(TestCertificateManagers.settings(temp.newFolder().toPath(),
                TestCertificateManagers.newKey(), Path.of("/nonexistent"), false, 0));
        server = URI.create("https://127.0.0.1:" + manager.httpsPort(false) + "/");
        psk = Base64.getDecoder().decode(manager.register(new EnrollmentClientSpec("vol-1",
                List.of("vol-1.berth.internal", "*.vol.berth.internal"), List.of("10.1.0.0/16"), Duration.ofDays(10),
                CertificateProfile.CLIENT)));
    }

    @After
    public void stop() {
        manager.close();
    }

    private EnrollmentRequest request(byte[] key, List<String> names, Duration ttl) throws Exception {
        return new EnrollmentRequest(server, "vol-1", key, names, List.of(InetAddress.getByName("10.1.2.3")), ttl,
                KeyAlgorithm.EC_P256, Duration.ofSeconds(20));
    }

    @Test
    public void aClientEnrollsWithNothingButThePreSharedKeyAndTheAddress() throws Exception {
        CertificateMaterial m = client.enroll(request(psk, List.of("vol-1.berth.internal", "a.vol.berth.internal"),
                Duration.ofDays(5)));
        assertEquals("CN=vol-1", m.certificate().getSubjectX500Principal().getName());
        assertEquals(manager.info().root(), m.root());
        assertEquals(Duration.ofDays(5).toDays(), Duration.between(m.certificate().getNotBefore().toInstant(),
                m.certificate().getNotAfter().toInstant()).toDays());
        assertTrue(m.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"));
        Path dir = temp.newFolder().toPath();
        Files.writeString(dir.resolve("ca.pem"), m.rootPem());
        Files.writeString(dir.resolve("issuing.pem"), Pem.certificates(m.intermediates()));
        Files.writeString(dir.resolve("cert.pem"), m.certificatePem());
        Tools.Run verify = Tools.run(dir, "openssl", "verify", "-CAfile", "ca.pem", "-untrusted", "issuing.pem",
                "-purpose", "sslclient", "cert.pem");
        assertEquals(verify.output(), 0, verify.exit());
        assertTrue(manager.certificates().stream().anyMatch(r -> r.setName().equals("enroll:vol-1")
                && r.serial().equals(m.certificate().getSerialNumber())));
        assertEquals(1, manager.clients().get(0).enrollments());
    }

    @Test
    public void aWrongKeyIsRefused() throws Exception {
        byte[] wrong = psk.clone();
        wrong[0] ^= 1;
        CertificateManagerException e = assertThrows(CertificateManagerException.class,
                () -> client.enroll(request(wrong, List.of("vol-1.berth.internal"), null)));
        assertEquals(Reason.REFUSED, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("403"));
    }

    @Test
    public void namesOutsideThePolicyAreRefusedWithAnAuthenticatedReason() throws Exception {
        CertificateManagerException e = assertThrows(CertificateManagerException.class,
                () -> client.enroll(request(psk, List.of("db.berth.internal"), null)));
        assertEquals(Reason.POLICY, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("'db.berth.internal'"));
        CertificateManagerException ttl = assertThrows(CertificateManagerException.class,
                () -> client.enroll(request(psk, List.of("vol-1.berth.internal"), Duration.ofDays(11))));
        assertEquals(Reason.POLICY, ttl.reason());
        // in the client's own list, outside the server's: the server's policy wins
        manager.register(new EnrollmentClientSpec("greedy", List.of("example.com"), List.of(), null,
                CertificateProfile.CLIENT));
        assertEquals(2, manager.clients().size());
    }

    @Test
    public void aReplayedRequestIsRefused() throws Exception {
        byte[] wire = sealedRequest(psk, System.currentTimeMillis());
        assertEquals(200, post(wire).statusCode());
        HttpResponse<byte[]> again = post(wire);
        assertEquals(403, again.statusCode());
    }

    @Test
    public void aTamperedRequestIsRefusedWhicheverByteChanged() throws Exception {
        byte[] wire = sealedRequest(psk, System.currentTimeMillis());
        int headerEnd = wire.length - SealedMessage.parse(wire).ciphertext().length;
        // timestamp, message id, nonce, client id, digest, each ciphertext region
        for (int index : new int[] {8, 20, 35, 44, headerEnd - 10, headerEnd + 1, wire.length / 2 + headerEnd / 2,
            wire.length - 1}) {
            byte[] tampered = wire.clone();
            tampered[index] ^= 0x01;
            int status = post(tampered).statusCode();
            assertTrue("byte " + index + " -> " + status, status == 403 || status == 400);
        }
        assertEquals(200, post(wire).statusCode());
    }

    @Test
    public void aTruncatedOrExtendedRequestIsRefused() throws Exception {
        byte[] wire = sealedRequest(psk, System.currentTimeMillis());
        for (int length : new int[] {0, 3, 40, wire.length - 1}) {
            HttpResponse<byte[]> r = post(Arrays.copyOf(wire, length));
            assertEquals("length " + length, 400, r.statusCode());
        }
        assertEquals(400, post(Arrays.copyOf(wire, wire.length + 1)).statusCode());
    }

    @Test
    public void aStaleRequestGetsAnAuthenticatedRefusal() throws Exception {
        byte[] wire = sealedRequest(psk, System.currentTimeMillis() - Duration.ofMinutes(10).toMillis());
        HttpResponse<byte[]> r = post(wire);
        assertEquals(200, r.statusCode());
        SealedMessage answer = SealedMessage.parse(r.body());
        assertEquals(Type.REFUSAL, answer.type());
        Payloads.Refusal refusal = Payloads.Refusal.decode(answer.open(psk));
        assertEquals(Reason.REFUSED, refusal.reason());
        assertTrue(refusal.message(), refusal.message().contains("check the clocks"));
        byte[] future = sealedRequest(psk, System.currentTimeMillis() + Duration.ofMinutes(10).toMillis());
        assertEquals(Type.REFUSAL, SealedMessage.parse(post(future).body()).type());
    }

    @Test
    public void anUnknownClientIsRefused() throws Exception {
        byte[] wire = SealedMessage.seal(Type.REQUEST, "stranger", psk, null, System.currentTimeMillis(),
                new Payloads.Request(new byte[] {1}, 0).encode());
        assertEquals(403, post(wire).statusCode());
    }

    @Test
    public void theClientRefusesAnswersThatAreTamperedOrBelongToAnotherRequest() throws Exception {
        byte[] wire = sealedRequest(psk, System.currentTimeMillis());
        byte[] answer = post(wire).body();
        assertEquals(3, EnrollmentTestAccess.open("vol-1", psk, wire, answer).size());
        byte[] tampered = answer.clone();
        tampered[tampered.length - 5] ^= 1;
        assertEquals(Reason.REFUSED, assertThrows(CertificateManagerException.class,
                () -> EnrollmentTestAccess.open("vol-1", psk, wire, tampered)).reason());
        byte[] other = sealedRequest(psk, System.currentTimeMillis());
        assertEquals(Reason.REFUSED, assertThrows(CertificateManagerException.class,
                () -> EnrollmentTestAccess.open("vol-1", psk, other, answer)).reason());
        byte[] wrongKey = psk.clone();
        wrongKey[5] ^= 1;
        assertEquals(Reason.REFUSED, assertThrows(CertificateManagerException.class,
                () -> EnrollmentTestAccess.open("vol-1", wrongKey, wire, answer)).reason());
        // a request sent back as if it were an answer
        assertEquals(Reason.REFUSED, assertThrows(CertificateManagerException.class,
                () -> EnrollmentTestAccess.open("vol-1", psk, wire, wire)).reason());
    }

    @Test
    public void aRemovedClientCanNoLongerEnroll() throws Exception {
        manager.remove("vol-1");
        assertEquals(Reason.REFUSED, assertThrows(CertificateManagerException.class,
                () -> client.enroll(request(psk, List.of("vol-1.berth.internal"), null))).reason());
    }

    @Test
    public void theCaCertificateAndCrlAreServed() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(dev.berth.certs.api.TlsContexts.anonymousClient(
                manager.info().root())).build();
        HttpResponse<String> ca = http.send(HttpRequest.newBuilder(server.resolve("ca.pem")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(Pem.certificates(List.of(manager.info().root())), ca.body());
        HttpResponse<byte[]> crl = http.send(HttpRequest.newBuilder(server.resolve("crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(manager.crl(), crl.body());
    }

    private byte[] sealedRequest(byte[] key, long timestamp) throws Exception {
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        byte[] csr = EnrollmentTestAccess.csr(request(key, List.of("vol-1.berth.internal"), null), keys);
        return SealedMessage.seal(Type.REQUEST, "vol-1", key, null, timestamp, new Payloads.Request(csr, 0).encode());
    }

    private HttpResponse<byte[]> post(byte[] wire) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(dev.berth.certs.api.TlsContexts.anonymousClient(
                manager.info().root())).build();
        return http.send(HttpRequest.newBuilder(server.resolve("enroll")).POST(HttpRequest.BodyPublishers
                .ofByteArray(wire)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
