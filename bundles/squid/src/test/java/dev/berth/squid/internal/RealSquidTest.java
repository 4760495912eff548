package dev.berth.squid.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

import dev.berth.certs.api.MemoryFilesystem;
import dev.berth.docker.api.Container;
import dev.berth.squid.icap.IcapAdapter;
import dev.berth.squid.waf.Incident;
import dev.berth.squid.waf.IncidentLog;
import dev.berth.squid.waf.RuleSet;
import dev.berth.squid.waf.WafAdapter;
import dev.berth.squid.waf.WafRule;
import dev.berth.testing.Deadline;

/**
 * Runs the real Squid with the configuration Berth renders, Berth's ICAP service in this JVM (over TLS with a test
 * CA when Squid is built with OpenSSL) and an origin server on loopback. Skipped when Squid is not installed,
 * unless {@code -Dberth.test.require.squid=true}.
 */
public class RealSquidTest {

    static final Path SQUID = Path.of(System.getProperty("berth.test.squid", "/usr/sbin/squid"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Map<String, AtomicInteger> originHits = new ConcurrentHashMap<>();
    private final AtomicReference<IcapAdapter> adapter = new AtomicReference<>();
    private final IncidentLog log = new IncidentLog(100);
    private HttpServer origin;
    private Path runtimeDir;
    private Path dataDir;
    private SquidSettings settings;
    private SquidProcess process;
    private SquidController controller;
    private RuleSet rules;
    private boolean tls;
    private TestCa ca;

    static void assumeSquid() {
        if (!Files.isExecutable(SQUID)) {
            if (Boolean.getBoolean("berth.test.require.squid")) {
                throw new AssertionError(SQUID + " is missing: apt-get install squid-openssl");
            }
            org.junit.Assume.assumeTrue(SQUID + " is missing: apt-get install squid-openssl", false);
        }
    }

    /** Whether this Squid can speak icaps: only the OpenSSL build can (Debian squid-openssl, not squid). */
    static boolean squidHasOpenssl() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SQUID.toString(), "-v").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.contains("--with-openssl");
    }

    @Before
    public void setUp() throws Exception {
        assumeSquid();
        tls = squidHasOpenssl();
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        origin.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            originHits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body;
            if (path.startsWith("/leak")) {
                body = "<html>customer record BERTH-SECRET-4711 follows</html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Cache-Control", "no-store");
            } else if (path.startsWith("/db")) {
                body = "<b>Warning</b>: You have an error in your SQL syntax near '\\'' at line 1"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Cache-Control", "public, max-age=300");
            } else {
                body = ("hello from " + path + " #" + originHits.get(path).get()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Cache-Control", "public, max-age=300");
            }
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.start();

        Path shm = Path.of("/dev/shm");
        boolean memory = Files.isDirectory(shm) && MemoryFilesystem.isMemoryBacked(MemoryFilesystem.type(shm));
        runtimeDir = memory ? Files.createTempDirectory(shm, "berth-squid-test") : Files.createTempDirectory("berth-squid");
        dataDir = Files.createTempDirectory("berth-squid-data");
        // Squid drops to its own user when started by root: it must be able to reach its directories.
        Files.setPosixFilePermissions(runtimeDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<WafRule> all = new ArrayList<>(RuleSet.defaults().rules());
        all.addAll(RuleSet.parse("9100 response-body * \"test secret leaked\" BERTH-SECRET-\\d+", "test").rules());
        rules = new RuleSet(all, "test");
        adapter.set(new WafAdapter(rules, false, 65536, log, Clock.systemUTC()));
        // The reverse proxy is on in every test: the forward proxy must work beside it.
        settings = new SquidSettings(true, SQUID, runtimeDir, dataDir, "127.0.0.1", freePort(),
                List.of("127.0.0.1/32"), 16, 16, 1024, "127.0.0.1", freePort(), tls, false, false, Optional.empty(),
                Set.of(), 65536, 4096, 100, "proxy", memory, WAIT,
                new ReverseSettings(true, "127.0.0.1", freePort(), tls ? freePort() : 0, ""));
        process = new SquidProcess(SQUID, settings.logDir(), settings.timeout(), why -> controller.died(why));
        ca = new TestCa(IcapCertificates.CLIENT_IDENTITY);
        controller = new SquidController(settings, process, adapter::get, ca, ca, Clock.systemUTC());
    }

    @After
    public void tearDown() throws IOException {
        if (controller != null) {
            controller.stop();
        }
        if (origin != null) {
            origin.stop(0);
        }
        for (Path dir : Boolean.getBoolean("berth.test.keep") ? new Path[0] : new Path[] {runtimeDir, dataDir}) {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    public void cachesFiltersRequestsAndResponsesThroughTheIcapWafAndReconfigures() throws Exception {
        controller.apply(false);
        String conf = Files.readString(settings.configFile());
        long pid = process.pid();
        assertTrue("squid runs", pid > 0);
        if (tls) {
            assertTrue(conf, conf.contains("icaps://127.0.0.1:" + settings.icapPort() + "/reqmod"));
            assertTrue(conf, conf.contains("tls-cert=" + settings.tlsDir().resolve("squid-client.pem")));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(settings.tlsDir().resolve("squid-client.key"))));
            assertPlainIcapRefused();
        }

        // A clean GET passes; the second is served from Squid's cache.
        Response first = get("/page");
        assertEquals(200, first.status());
        assertEquals("hello from /page #1", first.body());
        assertTrue(first.header("x-cache").startsWith("MISS"));
        Response second = get("/page");
        assertEquals("hello from /page #1", second.body());
        assertTrue(second.header("x-cache"), second.header("x-cache").startsWith("HIT"));
        assertEquals(1, originHits.get("/page").get());
        Deadline.await("a cache hit in access.log", WAIT, () -> Files.readString(settings.logDir()
                .resolve("access.log")), l -> l.contains("TCP_MEM_HIT/200") || l.contains("TCP_HIT/200"));

        // SQL injection in the query: blocked by REQMOD before it reaches the origin.
        Response sqli = get("/items?id=1%20UNION%20SELECT%20password%20FROM%20users");
        assertBlocked(sqli, "3001", "query");
        assertEquals(null, originHits.get("/items"));

        // XSS in a form body.
        Response xss = request("POST", "/comments", "application/x-www-form-urlencoded",
                "name=eve&comment=%3Cscript%3Edocument.location%3D%27//evil%27%3C%2Fscript%3E");
        assertBlocked(xss, "4001", "body");
        assertEquals(null, originHits.get("/comments"));
        Response clean = request("POST", "/comments", "application/x-www-form-urlencoded", "name=bob&comment=nice");
        assertEquals(200, clean.status());

        // A response carrying the configured pattern: blocked by RESPMOD after the origin answered.
        Response leak = get("/leak");
        assertBlocked(leak, "9100", "response-body");
        assertFalse(leak.body().contains("BERTH-SECRET"));
        assertEquals(1, originHits.get("/leak").get());

        // Detect-only: the same attacks pass and are recorded, not blocked.
        long blocked = log.blockedCount();
        adapter.set(new WafAdapter(rules, true, 65536, log, Clock.systemUTC()));
        Response detected = get("/items?id=1%20UNION%20SELECT%20password%20FROM%20users");
        assertEquals(detected.headers() + detected.body(), 200, detected.status());
        assertEquals("hello from /items #1", detected.body());
        Incident seen = log.recent(1).get(0);
        assertFalse(seen.blocked());
        assertEquals("3001", seen.ruleId());
        Response leaked = get("/leak");
        assertTrue(leaked.body().contains("BERTH-SECRET-4711"));
        assertEquals("9100", log.recent(1).get(0).ruleId());
        assertEquals(blocked, log.blockedCount());
        assertEquals(2, log.detectedCount());

        // New certificates: files rewritten, the ICAP service restarted, Squid checked and reconfigured in place.
        String hash = controller.status().configHash();
        adapter.set(new WafAdapter(rules, false, 65536, log, Clock.systemUTC()));
        controller.apply(true);
        assertEquals("reconfigured, not restarted", pid, process.pid());
        assertEquals(hash, controller.status().configHash());
        assertEquals(200, get("/after-reconfigure").status());
        assertBlocked(get("/x?q=%3Cscript%3E"), "4001", "query");

        controller.stop();
        assertFalse(process.running());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse("key files deleted", Files.exists(settings.tlsDir()));
    }

    @Test
    public void publishesLabelledContainersThroughTheWafAsAReverseProxy() throws Exception {
        String originPort = String.valueOf(origin.getAddress().getPort());
        List<Container> containers = new ArrayList<>(List.of(
                container("shop", Map.of(SiteLabels.HOST, "www.shop.test", SiteLabels.PORT, originPort)),
                container("broken", Map.of(SiteLabels.HOST, "bad_name!", SiteLabels.PORT, "80"))));
        SiteLabels labels = new SiteLabels("");
        controller.publish(labels.read(containers));
        controller.apply(false);
        long pid = process.pid();
        assertEquals(List.of("www.shop.test"), controller.sites().sites().get(0).hosts());
        assertEquals("container:broken", controller.sites().problems().get(0).source());

        // A clean GET reaches the container; the second is a cache HIT.
        Response first = reverse("www.shop.test", "GET", "/shop", null);
        assertEquals(first.body(), 200, first.status());
        assertEquals("hello from /shop #1", first.body());
        assertTrue(first.header("x-cache"), first.header("x-cache").startsWith("MISS"));
        Response second = reverse("www.shop.test", "GET", "/shop", null);
        assertEquals("hello from /shop #1", second.body());
        assertTrue(second.header("x-cache"), second.header("x-cache").startsWith("HIT"));
        assertEquals(1, originHits.get("/shop").get());
        // The forward proxy sends a published name to its container too (and shares the cache entry).
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), settings.httpPort())) {
            assertEquals("hello from /shop #1", exchange(s, "GET", "http://www.shop.test/shop", "www.shop.test", null,
                    null).body());
        }

        // SQL injection: 403 from the WAF (REQMOD), never at the container.
        Response sqli = reverse("www.shop.test", "GET", "/search?q=1%27%20UNION%20SELECT%20card%20FROM%20cards", null);
        assertBlocked(sqli, "3001", "query");
        assertEquals("www.shop.test", log.recent(1).get(0).host());
        assertEquals(null, originHits.get("/search"));
        assertBlocked(reverse("www.shop.test", "POST", "/comment", "text=%3Cscript%3Ealert(1)%3C/script%3E"), "4001",
                "body");
        assertEquals(null, originHits.get("/comment"));

        // A response disclosing a database error: blocked by RESPMOD, and not cached.
        assertBlocked(reverse("www.shop.test", "GET", "/db", null), "9001", "response-body");
        assertBlocked(reverse("www.shop.test", "GET", "/db", null), "9001", "response-body");
        assertEquals(2, originHits.get("/db").get());

        // Hosts not published: refused by Squid itself, nothing forwarded; no open proxy either.
        Response unknown = reverse("intranet.test", "GET", "/secret", null);
        assertEquals(403, unknown.status());
        assertEquals("", unknown.header("x-berth-waf-rule"));
        Response byAddress = reverse("127.0.0.1:" + originPort, "GET", "/secret", null);
        assertEquals(403, byAddress.status());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), settings.reverse().httpPort())) {
            Response absolute = exchange(s, "GET", "http://127.0.0.1:" + originPort + "/secret", "www.shop.test",
                    null, null);
            assertEquals(absolute.body(), 403, absolute.status());
        }
        assertEquals(null, originHits.get("/secret"));

        // Detect-only: the attack reaches the container and is recorded.
        adapter.set(new WafAdapter(rules, true, 65536, log, Clock.systemUTC()));
        Response detected = reverse("www.shop.test", "GET", "/search?q=1%27%20UNION%20SELECT%20card%20FROM%20cards",
                null);
        assertEquals(200, detected.status());
        assertEquals(1, originHits.get("/search").get());
        assertFalse(log.recent(1).get(0).blocked());
        adapter.set(new WafAdapter(rules, false, 65536, log, Clock.systemUTC()));

        if (tls) {
            Response https = reverseTls("www.shop.test", "/secure");
            assertEquals(https.body(), 200, https.status());
            assertEquals("hello from /secure #1", https.body());
            assertBlocked(reverseTls("www.shop.test", "/secure?id=1%20UNION%20SELECT%20pw%20FROM%20users"), "3001",
                    "query");
        }

        // The labels change: Squid is reconfigured in place, the new name served by a new origin, the old one refused.
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        other.createContext("/", x -> {
            byte[] b = "the new shop".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        other.start();
        try {
            containers.set(0, container("shop", Map.of(SiteLabels.HOST, "shop.test", SiteLabels.PORT,
                    String.valueOf(other.getAddress().getPort()))));
            String hash = controller.status().configHash();
            controller.publish(labels.read(containers));
            controller.apply(false);
            assertEquals("reconfigured, not restarted", pid, process.pid());
            assertNotEquals(hash, controller.status().configHash());
            assertEquals("the new shop", reverse("shop.test", "GET", "/", null).body());
            assertEquals(403, reverse("www.shop.test", "GET", "/shop", null).status());
            if (tls) {
                assertEquals("the new shop", reverseTls("shop.test", "/").body());
            }
        } finally {
            other.stop(0);
        }
        // The forward proxy still works beside it.
        assertEquals(200, get("/forward").status());
    }

    private static Container container(String name, Map<String, String> labels) {
        return new Container("id-" + name, name, labels, "bridge", true, Map.of("bridge",
                new Container.Attachment("net-1", "ep-" + name, "127.0.0.1/8", "", List.of())));
    }

    @Test
    public void aSquidThatDiesIsReportedAndStartedAgain() throws Exception {
        controller.apply(false);
        long pid = process.pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Deadline.await("the death reported", WAIT, () -> controller.status(),
                s -> !s.running() && s.lastError().contains("squid " + pid + " exited"));
        controller.apply(false);
        assertNotEquals(pid, process.pid());
        assertEquals("", controller.status().lastError());
        assertEquals(200, get("/after-restart").status());
    }

    @Test
    public void aConfigurationSquidRefusesIsNotPutInPlace() throws Exception {
        controller.apply(false);
        String before = Files.readString(settings.configFile());
        Path bad = settings.workDir().resolve("bad.conf");
        Files.writeString(bad, before + "cache_peer nowhere parent 3128 0 no-such-option\nthis_is_not_a_directive 1\n");
        SquidProcess.Check check = process.check(bad);
        assertFalse(check.valid());
        assertFalse(check.output().isEmpty());
        assertEquals(before, Files.readString(settings.configFile()));
        assertTrue(process.check(settings.configFile()).valid());
    }

    private void assertPlainIcapRefused() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), settings.icapPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("OPTIONS icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer;
            try {
                answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                answer = "";
            }
            assertFalse("plain ICAP answered: " + answer, answer.startsWith("ICAP/1.0"));
        }
    }

    private void assertBlocked(Response r, String rule, String target) {
        assertEquals(r.body(), 403, r.status());
        assertEquals(rule, r.header("x-berth-waf-rule"));
        Incident incident = log.recent(1).get(0);
        assertEquals(incident.id(), r.header("x-berth-waf-incident"));
        assertTrue(r.body().contains("Rule: " + rule) && r.body().contains("Incident: " + incident.id()));
        assertEquals(rule, incident.ruleId());
        assertEquals(target, incident.target());
        assertTrue(incident.blocked());
        assertEquals("127.0.0.1", incident.client());
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    private Response get(String path) throws IOException {
        return request("GET", path, null, null);
    }

    /** One request through the forward proxy, absolute-form target. */
    private Response request(String method, String path, String contentType, String body) throws IOException {
        String host = "127.0.0.1:" + origin.getAddress().getPort();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), settings.httpPort())) {
            return exchange(s, method, "http://" + host + path, host, contentType, body);
        }
    }

    /** One request to the reverse proxy's HTTP port for a host name, origin-form target. */
    private Response reverse(String host, String method, String path, String body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), settings.reverse().httpPort())) {
            return exchange(s, method, path, host, body == null ? null : "application/x-www-form-urlencoded", body);
        }
    }

    /** One request to the reverse proxy's HTTPS port, with SNI, trusting only the test CA. */
    private Response reverseTls(String host, String path) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", ca.root);
        tmf.init(trust);
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                settings.reverse().httpsPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(host)));
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            return exchange(s, "GET", path, host, null, null);
        }
    }

    /** Sends one request and reads the response to the end (Connection: close). */
    private static Response exchange(Socket s, String method, String target, String host, String contentType,
            String body) throws IOException {
        StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            req.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(bytes.length)
                    .append("\r\n");
        }
        req.append("\r\n");
        s.setSoTimeout(15_000);
        s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        return parse(s.getInputStream());
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String dechunk(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = s.indexOf("\r\n", i);
            int n = Integer.parseInt(s.substring(i, eol).split(";")[0].trim(), 16);
            if (n == 0) {
                return b.toString();
            }
            b.append(s, eol + 2, eol + 2 + n);
            i = eol + 2 + n + 2;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
