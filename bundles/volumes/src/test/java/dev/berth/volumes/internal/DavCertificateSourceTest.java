package dev.berth.volumes.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.KeyAlgorithm;
import dev.berth.certs.api.TlsContexts;

/**
 * The real WebDAV and REST client (Jackrabbit's PROPFIND, Apache HttpClient) against a small HTTPS server in the
 * test that requires a client certificate, as the certificate manager's mutual-TLS listener does.
 */
public class DavCertificateSourceTest {

    private TestCa ca;
    private HttpsServer server;
    private final Map<String, CertificateMaterial> sets = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger mismatches = new AtomicInteger();
    private DavCertificateSource source;
    private ClientSession session;
    private final AtomicInteger enrollments = new AtomicInteger();

    @Before
    public void start() throws Exception {
        ca = new TestCa();
        sets.put("berth-volumes.web", ca.server(Instant.now().plusSeconds(3600), "web.berth.internal"));
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CertificateMaterial serverCert = ca.server(Instant.now().plusSeconds(3600), "127.0.0.1");
        server.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.mutual(serverCert)) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", this::handle);
        server.start();
        CertificateMaterial client = ca.client("berth-volumes", Instant.now().plusSeconds(3600));
        session = new ClientSession(TestSettings.settings(Path.of("/run/test")), request -> {
            enrollments.incrementAndGet();
            return client;
        }, () -> new byte[32], Clock.systemUTC());
        source = new DavCertificateSource(URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/"),
                session, Duration.ofSeconds(10));
    }

    @After
    public void stop() {
        source.close();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String client = ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(client + " " + method + " " + path + (body.isEmpty() || method.equals("PROPFIND") ? "" : " " + body));
        if (path.startsWith("/certs/")) {
            String[] parts = path.split("/");
            CertificateMaterial m = sets.get(parts[2]);
            if (m == null) {
                send(exchange, 403, "text/html", "<html>forbidden</html>");
            } else if (method.equals("PROPFIND")) {
                String tag = m.certificate().getSerialNumber().toString(16);
                send(exchange, 207, "application/xml", "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\">"
                        + response(path, "", tag) + response(path, "cert.pem", tag) + response(path, "key.pem", tag)
                        + "</D:multistatus>");
            } else {
                String pem = switch (parts[3]) {
                    case "cert.pem" -> m.certificatePem();
                    case "chain.pem" -> m.chainPem();
                    case "ca.pem" -> m.rootPem();
                    default -> mismatches.getAndDecrement() > 0 ? sets.get("other").privateKeyPem() : m.privateKeyPem();
                };
                send(exchange, 200, "application/x-pem-file", pem);
            }
        } else if (method.equals("POST") && path.equals("/api/v1/sets")) {
            if (body.contains("evil")) {
                send(exchange, 403, "application/json", "{\"error\":\"enrollment client 'berth-volumes' may not get a "
                        + "certificate for 'evil.example.com': allowed DNS names are [**.berth.internal]\"}");
            } else {
                send(exchange, 201, "application/json", json("berth-volumes.new", "1f"));
            }
        } else if (path.equals("/api/v1/sets/berth-volumes.web") && method.equals("GET")) {
            send(exchange, 200, "application/json", json("berth-volumes.web", "2e"));
        } else if (path.equals("/api/v1/sets/berth-volumes.web/renew")) {
            send(exchange, 200, "application/json", json("berth-volumes.web", "3d"));
        } else if (path.equals("/api/v1/sets/berth-volumes.web") && method.equals("DELETE")) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            send(exchange, 404, "application/json", "{\"error\":\"no certificate set\"}");
        }
    }

    private static String response(String collection, String file, String tag) {
        return "<D:response><D:href>" + collection + file + "</D:href><D:propstat><D:prop><D:getetag>\"" + tag
                + "\"</D:getetag><D:getlastmodified>Sat, 28 Nov 2026 19:00:00 GMT</D:getlastmodified></D:prop>"
                + "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>";
    }

    private static String json(String name, String serial) {
        return "{\"name\":\"" + name + "\",\"serial\":\"" + serial + "\",\"notBefore\":\"2026-11-28T19:00:00Z\","
                + "\"notAfter\":\"2026-12-28T19:00:00Z\",\"status\":\"ACTIVE\"}";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    public void readsASetOverMutualTlsAndSeesItChange() throws Exception {
        String before = source.version("berth-volumes.web");
        SetFiles files = source.fetch("berth-volumes.web");
        assertTrue(files.consistent());
        assertEquals(sets.get("berth-volumes.web").certificatePem(), files.certPem());
        assertEquals(before, source.version("berth-volumes.web"));
        sets.put("berth-volumes.web", ca.server(Instant.now().plusSeconds(3600), "web.berth.internal"));
        assertNotEquals(before, source.version("berth-volumes.web"));
        assertTrue(requests.toString(), requests.stream().allMatch(r -> r.startsWith("CN=berth-volumes ")));
        assertTrue(requests.contains("CN=berth-volumes PROPFIND /certs/berth-volumes.web/"));
        assertEquals("one enrollment serves every request", 1, enrollments.get());
        assertEquals(16, source.authority().length());
    }

    @Test
    public void filesReadAcrossARenewalAreReadAgain() throws Exception {
        sets.put("other", ca.server(Instant.now().plusSeconds(3600), "other.berth.internal"));
        mismatches.set(1);
        SetFiles files = source.fetch("berth-volumes.web");
        assertTrue(files.consistent());
        assertEquals(2, requests.stream().filter(r -> r.endsWith("/key.pem")).count());
        mismatches.set(5);
        CertificateManagerException e = assertThrows(CertificateManagerException.class,
                () -> source.fetch("berth-volumes.web"));
        assertTrue(e.getMessage(), e.getMessage().contains("did not match each other"));
    }

    @Test
    public void setsAreCreatedRenewedAndDeletedThroughTheRestApi() {
        SetInfo created = source.create(new SetRequest("berth-volumes.new", "", List.of("new.berth.internal"),
                List.of(InetAddress.getLoopbackAddress()), Duration.ofHours(12), CertificateProfile.SERVER,
                KeyAlgorithm.EC_P384));
        assertEquals("1f", created.serial());
        assertEquals(Instant.parse("2026-12-28T19:00:00Z"), created.notAfter());
        assertTrue(requests.toString(), requests.contains("CN=berth-volumes POST /api/v1/sets {\"name\":"
                + "\"berth-volumes.new\",\"commonName\":\"\",\"dnsNames\":[\"new.berth.internal\"],\"ipAddresses\":"
                + "[\"127.0.0.1\"],\"ttl\":\"PT12H\",\"profile\":\"server\",\"keyAlgorithm\":\"ec-p384\"}"));
        assertEquals("2e", source.info("berth-volumes.web").orElseThrow().serial());
        assertTrue(source.info("berth-volumes.none").isEmpty());
        assertEquals("3d", source.renew("berth-volumes.web").serial());
        source.delete("berth-volumes.web");
        source.delete("berth-volumes.none");
    }

    @Test
    public void refusalsCarryTheCertificateManagersReason() {
        CertificateManagerException policy = assertThrows(CertificateManagerException.class, () -> source.create(
                new SetRequest("berth-volumes.evil", "", List.of("evil.example.com"), List.of(), Duration.ofHours(1),
                        CertificateProfile.SERVER, KeyAlgorithm.EC_P256)));
        assertEquals(Reason.POLICY, policy.reason());
        assertTrue(policy.getMessage(), policy.getMessage().endsWith("answered 403: enrollment client 'berth-volumes' "
                + "may not get a certificate for 'evil.example.com': allowed DNS names are [**.berth.internal]"));
        CertificateManagerException forbidden = assertThrows(CertificateManagerException.class,
                () -> source.fetch("berth-db-server"));
        assertEquals(Reason.POLICY, forbidden.reason());
        assertTrue(forbidden.getMessage(), forbidden.getMessage().contains("403: forbidden"));
    }

    @Test
    public void aServerOfAnotherCaIsRefusedInTheHandshake() throws Exception {
        TestCa foreign = new TestCa();
        CertificateMaterial client = foreign.client("berth-volumes", Instant.now().plusSeconds(3600));
        ClientSession other = new ClientSession(TestSettings.settings(Path.of("/run/test")), request -> client,
                () -> new byte[32], Clock.systemUTC());
        try (DavCertificateSource wrong = new DavCertificateSource(URI.create("https://127.0.0.1:"
                + server.getAddress().getPort() + "/"), other, Duration.ofSeconds(10))) {
            CertificateManagerException e = assertThrows(CertificateManagerException.class,
                    () -> wrong.fetch("berth-volumes.web"));
            assertEquals(Reason.UNAVAILABLE, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("TLS"));
        }
    }
}
