package dev.berth.haproxy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

import dev.berth.certs.api.MemoryFilesystem;
import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.ProxyStatus;
import dev.berth.testing.Deadline;

/**
 * Runs the real HAProxy on loopback in front of two backends in the test, with certificates from a test CA.
 * Skipped when HAProxy is not installed, unless {@code -Dberth.test.require.haproxy=true}.
 */
public class RealHaproxyTest {

    private static final Path HAPROXY = TestSettings.HAPROXY;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<HttpServer> backends = new ArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private TestCa ca;
    private SSLContext client;
    private Path runtimeDir;
    private int httpsPort;
    private int httpPort;
    private BackendServer a;
    private BackendServer b;
    private HaproxyProcess process;
    private IngressController controller;
    private ProxySettings settings;

    @Before
    public void setUp() throws Exception {
        TestSettings.assumeHaproxy();
        ca = new TestCa();
        client = ca.clientContext();
        Path shm = Path.of("/dev/shm");
        boolean memory = Files.isDirectory(shm) && MemoryFilesystem.isMemoryBacked(MemoryFilesystem.type(shm));
        runtimeDir = memory ? Files.createTempDirectory(shm, "berth-haproxy-test") : Files.createTempDirectory("berth-haproxy-test");
        a = backend("A");
        b = backend("B");
        httpsPort = TestSettings.freePort();
        httpPort = TestSettings.freePort();
        settings = TestSettings.of(runtimeDir, httpsPort, httpPort, 600, List.of(
                IngressRoute.of("a.test", "", List.of(a)), IngressRoute.of("b.test", "", List.of(b))), memory);
        IngressController[] self = new IngressController[1];
        process = new HaproxyProcess(HAPROXY, settings.workDir(), settings.timeout(), why -> self[0].died(why));
        controller = new IngressController(settings, process, (set, hosts) -> {
            issued.incrementAndGet();
            return ca.server(hosts);
        }, Clock.systemUTC());
        self[0] = controller;
    }

    @After
    public void tearDown() throws IOException {
        if (controller != null) {
            controller.stop();
        }
        backends.forEach(s -> s.stop(0));
        if (runtimeDir != null) {
            try (Stream<Path> files = Files.walk(runtimeDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void servesRoutesReloadsGracefullyRefusesBadConfigAndStopsClean() throws Exception {
        controller.apply(false);
        long master = process.pid();
        assertTrue("master runs", master > 0);

        assertEquals("backend A /", get("a.test", "/").body());
        assertEquals("backend B /", get("b.test", "/").body());
        assertEquals(503, get("a.test", "unknown.test", "/").status());
        assertTrue(get("a.test", "/").headers().contains("strict-transport-security: max-age=600"));

        // The served certificate is the test CA's, for the SNI name, and ALPN offers h2.
        try (SSLSocket s = tls("b.test", List.of("h2", "http/1.1"))) {
            Certificate[] chain = s.getSession().getPeerCertificates();
            X509Certificate leaf = (X509Certificate) chain[0];
            leaf.verify(ca.issuing.getPublicKey());
            ((X509Certificate) chain[1]).verify(ca.root.getPublicKey());
            assertEquals("CN=b.test", leaf.getSubjectX500Principal().getName());
            assertEquals("h2", s.getApplicationProtocol());
            assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(s.getSession().getProtocol()));
        }

        // Plain HTTP is redirected.
        Response redirect = plain("a.test", "/x?y=1");
        assertEquals(301, redirect.status());
        assertTrue(redirect.headers(), redirect.headers().contains("location: https://a.test/x?y=1"));

        // A new route and a path route arrive by a graceful reload: the master stays.
        int reloads = process.show().orElseThrow().reloads();
        controller.addStatic(IngressRoute.of("c.test", "", List.of(a)));
        controller.addStatic(IngressRoute.of("a.test", "/api", List.of(b)));
        assertEquals(master, process.pid());
        assertEquals(reloads + 2, process.show().orElseThrow().reloads());
        assertEquals("backend A /", get("c.test", "/").body());
        assertEquals("backend B /api/v1", get("a.test", "/api/v1").body());
        assertEquals("backend B /api", get("a.test", "/api").body());
        assertEquals("backend A /apix", get("a.test", "/apix").body());

        // A configuration HAProxy refuses is not applied, and the proxy keeps serving.
        String hash = controller.status().configHash();
        try {
            controller.addStatic(IngressRoute.of("d.test", "", List.of(new BackendServer("nohost.invalid", 80))));
            fail("HAProxy accepted a server it cannot resolve");
        } catch (IngressController.RefusedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("nohost.invalid"));
        }
        ProxyStatus status = controller.status();
        assertEquals(hash, status.configHash());
        assertTrue(status.lastError().contains("refused"));
        assertFalse(controller.routes().stream().anyMatch(r -> r.hosts().contains("d.test")));
        assertEquals(master, process.pid());
        assertEquals("backend B /", get("b.test", "/").body());

        // A renewed certificate is loaded by a reload.
        String before = serial("a.test");
        controller.certificateChanged(IngressRoute.defaultCertificateSet("a.test"));
        assertNotEquals(before, serial("a.test"));
        assertEquals(master, process.pid());

        // Stopping ends the master and every worker, and deletes the keys.
        List<ProcessHandle> all = new ArrayList<>(ProcessHandle.of(master).orElseThrow().descendants().toList());
        all.add(ProcessHandle.of(master).orElseThrow());
        controller.stop();
        for (ProcessHandle h : all) {
            assertFalse("process " + h.pid() + " is gone", h.isAlive());
        }
        try (Stream<Path> pem = Files.list(runtimeDir.resolve("haproxy/certs"))) {
            assertEquals(0, pem.count());
        }
    }

    @Test
    public void reportsADeadMasterAndStartsAgain() throws Exception {
        controller.apply(false);
        ProcessHandle master = ProcessHandle.of(process.pid()).orElseThrow();
        List<ProcessHandle> workers = master.descendants().toList();
        master.destroyForcibly();
        Deadline.await("the death to be reported", WAIT, controller::status, s -> !s.running()
                && s.lastError().contains("exited"));
        // Workers notice that their master is gone and leave; none may outlive the test either way.
        try {
            for (ProcessHandle w : workers) {
                Deadline.await("worker " + w.pid() + " to leave", WAIT, w::isAlive, alive -> !alive);
            }
        } finally {
            workers.forEach(ProcessHandle::destroyForcibly);
        }
        controller.apply(false);
        assertTrue(controller.status().running());
        assertNotEquals(master.pid(), process.pid());
        assertEquals("", controller.status().lastError());
        assertEquals("backend A /", get("a.test", "/").body());
    }

    @Test
    public void aRouteHaproxyRefusesIsLeftOutAndReportedWhileTheOthersAreServed() throws Exception {
        IngressRoute bad = new IngressRoute(List.of("bad.test"), "", List.of(new BackendServer("nohost.invalid", 80)),
                "ingress.bad.test", "", "container:bad");
        controller.labelRoutes(List.of(bad), List.of());
        ProxyStatus status = controller.status();
        assertTrue(status.running());
        assertEquals(2, status.routes());
        assertEquals("container:bad", status.problems().get(0).source());
        assertTrue(status.problems().get(0).message(), status.problems().get(0).message().contains(
                "could not resolve address 'nohost.invalid'"));
        assertEquals("backend A /", get("a.test", "/").body());
    }

    @Test
    public void aMasterLeftBehindByAPreviousRunIsEndedBeforeTheNewOneStarts() throws Exception {
        controller.apply(false);
        ProcessHandle leftover = ProcessHandle.of(process.pid()).orElseThrow();
        List<ProcessHandle> leftoverWorkers = leftover.descendants().toList();
        HaproxyProcess next = new HaproxyProcess(HAPROXY, settings.workDir(), settings.timeout(), why -> { });
        IngressController restarted = new IngressController(settings, next, (set, hosts) -> ca.server(hosts),
                Clock.systemUTC());
        try {
            restarted.apply(false);
            assertFalse(leftover.isAlive());
            leftoverWorkers.forEach(w -> assertFalse(w.isAlive()));
            assertNotEquals(leftover.pid(), next.pid());
            assertEquals("backend B /", get("b.test", "/").body());
        } finally {
            restarted.stop();
        }
    }

    @Test
    public void aNewServerAddressGoesThroughTheRuntimeApiWithoutAReload() throws Exception {
        controller.labelRoutes(List.of(new IngressRoute(List.of("web.test"), "", List.of(a), "ingress.web.test", "",
                "container:web")), List.of());
        assertEquals("backend A /", get("web.test", "/").body());
        int reloads = process.show().orElseThrow().reloads();
        java.time.Instant reloaded = controller.status().lastReload();
        controller.labelRoutes(List.of(new IngressRoute(List.of("web.test"), "", List.of(b), "ingress.web.test", "",
                "container:web")), List.of());
        assertEquals(reloads, process.show().orElseThrow().reloads());
        assertEquals(reloaded, controller.status().lastReload());
        assertEquals("backend B /", get("web.test", "/").body());
        String inForce = Files.readString(settings.workDir().resolve("haproxy.cfg"));
        assertTrue(inForce.contains("server s1 " + b + " check"));
        assertEquals(IngressController.hash(inForce), controller.status().configHash());
    }

    @Test
    public void haproxyAcceptsTheRenderedExampleWithHealthChecksPathsAndIpv6() throws Exception {
        ProxySettings settings = TestSettings.of(runtimeDir, httpsPort, httpPort, 3600, List.of(), false);
        CertificateFiles files = new CertificateFiles(runtimeDir.resolve("certs"), false);
        java.util.Map<String, Path> paths = new java.util.TreeMap<>();
        for (String set : List.of("ingress.a.test", "b-set")) {
            files.write(set, ca.server(List.of("a.test")));
            paths.put(set, files.file(set));
        }
        Path cfg = Files.writeString(runtimeDir.resolve("example.cfg"),
                new ConfigRenderer(settings).render(ConfigRendererTest.ROUTES, paths));
        HaproxyProcess.Check check = new HaproxyProcess(HAPROXY, runtimeDir, Duration.ofSeconds(15), why -> { })
                .check(cfg);
        assertTrue(check.output(), check.valid());
    }

    private BackendServer backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("backend " + name + " " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        backends.add(server);
        return new BackendServer("127.0.0.1", server.getAddress().getPort());
    }

    private SSLSocket tls(String host, List<String> alpn) throws IOException {
        Socket raw = new Socket(InetAddress.getLoopbackAddress(), httpsPort);
        SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(raw, host, httpsPort, true);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(host)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setApplicationProtocols(alpn.toArray(String[]::new));
        s.setSSLParameters(p);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    private String serial(String host) throws IOException {
        try (SSLSocket s = tls(host, List.of("http/1.1"))) {
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
        }
    }

    private Response get(String host, String path) throws IOException {
        return get(host, host, path);
    }

    private Response get(String sni, String host, String path) throws IOException {
        try (SSLSocket s = tls(sni, List.of("http/1.1"))) {
            return exchange(s, host, path);
        }
    }

    private Response plain(String host, String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), httpPort)) {
            s.setSoTimeout(10_000);
            return exchange(s, host, path);
        }
    }

    private static Response exchange(Socket s, String host, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = text.substring(0, end);
        return new Response(Integer.parseInt(head.split(" ")[1]), head.toLowerCase(java.util.Locale.ROOT),
                text.substring(end + 4));
    }

    private record Response(int status, String headers, String body) {
    }
}
