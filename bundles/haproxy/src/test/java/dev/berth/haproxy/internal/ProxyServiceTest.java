package dev.berth.haproxy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetListener;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateSets;
import dev.berth.certs.api.CertificateStatus;
import dev.berth.docker.api.Container;
import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.DockerEngine;
import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;
import dev.berth.testing.Deadline;

/**
 * The component as DS builds it, with Docker and the certificate manager faked in the test and the real HAProxy:
 * routes from labels, certificates ensured per set, renewal, container events, stop on deactivate.
 */
public class ProxyServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Container> containers = new CopyOnWriteArrayList<>();
    private final Map<String, CertificateMaterial> issued = new ConcurrentHashMap<>();
    private final Map<String, CertificateSetSpec> ensured = new ConcurrentHashMap<>();
    private TestCa ca;
    private HttpServer backend;
    private Path runtimeDir;
    private int httpsPort;
    private ProxyService service;

    @Before
    public void setUp() throws Exception {
        TestSettings.assumeHaproxy();
        ca = new TestCa();
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", x -> {
            byte[] body = ("web " + x.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        runtimeDir = Files.createTempDirectory(Path.of("/dev/shm"), "berth-haproxy-svc");
        httpsPort = TestSettings.freePort();
    }

    @After
    public void tearDown() throws IOException {
        if (service != null) {
            service.deactivate();
        }
        if (backend != null) {
            backend.stop(0);
        }
        if (runtimeDir != null) {
            try (Stream<Path> files = Files.walk(runtimeDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void routesFromLabelsWithCertificatesFromTheManager() throws Exception {
        containers.add(web(Map.of("berth.http.host", "web.test", "berth.http.port",
                Integer.toString(backend.getAddress().getPort()))));
        containers.add(new Container("bad", "bad", Map.of("berth.http.host", "bad.test", "berth.http.port", "x"),
                "front", true, Map.of()));
        service = new ProxyService(config(Map.of("haproxy.binary", TestSettings.HAPROXY.toString(),
                "runtime.dir", runtimeDir.toString(), "https.address", "127.0.0.1",
                "https.port", httpsPort, "http.redirect", false)));
        service.bindCertificateSets(certificateSets());
        service.bindDocker(docker());

        Deadline.await("the label route to be served", WAIT, service::status,
                s -> s.running() && s.routes() == 1);
        assertEquals("web /x", get("web.test", "/x"));
        assertEquals(List.of("web.test"), ensured.get("ingress.web.test").dnsNames());
        assertEquals("container:bad", service.status().problems().get(0).source());
        assertTrue(service.config().contains("crt " + runtimeDir.resolve("haproxy/certs/ingress.web.test.pem")));
        assertFalse(service.config().contains("PRIVATE KEY"));
        long master = service.status().masterPid();

        // Renewal: the manager tells, the proxy serves the new certificate without a new master.
        String serial = serial("web.test");
        issued.remove("ingress.web.test");
        service.certificateSetChanged(set("ingress.web.test"), CertificateSetListener.Change.RENEWED);
        Deadline.await("the renewed certificate", WAIT, () -> serial("web.test"), s -> !s.equals(serial));
        assertEquals(master, service.status().masterPid());

        // Static routes through the service.
        service.add(IngressRoute.of("static.test", "", List.of(new BackendServer("127.0.0.1",
                backend.getAddress().getPort()))));
        assertEquals("web /s", get("static.test", "/s"));
        assertTrue(service.remove("static.test"));
        assertFalse(service.remove("static.test"));

        // The container goes away: its route goes with it.
        containers.clear();
        service.handle(new ContainerEvent("container", "die", "c0ffee", Map.of()));
        Deadline.await("the route to go", WAIT, service::status, s -> s.routes() == 0);
        assertEquals(master, service.status().masterPid());

        List<ProcessHandle> all = new ArrayList<>(ProcessHandle.of(master).orElseThrow().descendants().toList());
        all.add(ProcessHandle.of(master).orElseThrow());
        service.deactivate();
        service = null;
        all.forEach(h -> assertFalse("process " + h.pid() + " is gone", h.isAlive()));
    }

    @Test
    public void withoutTheCertificateManagerRoutesWaitAndAreReported() throws Exception {
        containers.add(web(Map.of("berth.http.host", "web.test", "berth.http.port",
                Integer.toString(backend.getAddress().getPort()))));
        service = new ProxyService(config(Map.of("haproxy.binary", TestSettings.HAPROXY.toString(),
                "runtime.dir", runtimeDir.toString(), "https.address", "127.0.0.1",
                "https.port", httpsPort, "http.address", "127.0.0.1", "http.port", TestSettings.freePort())));
        service.bindDocker(docker());
        Deadline.await("the route to be reported", WAIT, service::status, s -> s.running()
                && s.problems().stream().anyMatch(p -> p.message().contains("certificate manager is not available")));
        assertEquals(0, service.status().routes());
        CertificateSets sets = certificateSets();
        service.bindCertificateSets(sets);
        Deadline.await("the route once certificates come", WAIT, service::status, s -> s.routes() == 1);
        assertEquals("web /", get("web.test", "/"));
        service.unbindCertificateSets(sets);
        assertEquals("web /", get("web.test", "/"));
    }

    @Test
    public void aDeadHaproxyIsReportedAndStartedAgain() throws Exception {
        containers.add(web(Map.of("berth.http.host", "web.test", "berth.http.port",
                Integer.toString(backend.getAddress().getPort()))));
        service = new ProxyService(config(Map.of("haproxy.binary", TestSettings.HAPROXY.toString(),
                "runtime.dir", runtimeDir.toString(), "https.address", "127.0.0.1", "https.port", httpsPort,
                "http.redirect", false, "resync.seconds", 1)));
        service.bindCertificateSets(certificateSets());
        service.bindDocker(docker());
        long first = Deadline.await("the proxy", WAIT, service::status, s -> s.running() && s.routes() == 1)
                .masterPid();
        ProcessHandle master = ProcessHandle.of(first).orElseThrow();
        List<ProcessHandle> workers = master.descendants().toList();
        master.destroyForcibly();
        try {
            Deadline.await("a new master", WAIT, service::status, s -> s.running() && s.masterPid() != first);
            for (ProcessHandle w : workers) {
                Deadline.await("old worker " + w.pid() + " to leave", WAIT, w::isAlive, alive -> !alive);
            }
        } finally {
            workers.forEach(ProcessHandle::destroyForcibly);
        }
        assertEquals("web /", get("web.test", "/"));
    }

    private Container web(Map<String, String> labels) {
        return new Container("c0ffee", "web", labels, "lo", true,
                Map.of("lo", new Container.Attachment("n", "e", "127.0.0.1", "", List.of())));
    }

    private DockerEngine docker() {
        return fake(DockerEngine.class, (name, args) -> switch (name) {
            case "containers" -> List.copyOf(containers);
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private CertificateSets certificateSets() {
        return fake(CertificateSets.class, (name, args) -> switch (name) {
            case "ensure" -> {
                CertificateSetSpec spec = (CertificateSetSpec) args[0];
                ensured.put(spec.name(), spec);
                issued.computeIfAbsent(spec.name(), n -> ca.server(spec.dnsNames()));
                yield set(spec.name());
            }
            case "material" -> issued.computeIfAbsent((String) args[0], n -> ca.server(ensured.get(n).dnsNames()));
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private static CertificateSet set(String name) {
        Instant now = Instant.now();
        return new CertificateSet(CertificateSetSpec.server(name, List.of("web.test"), List.of()), BigInteger.ONE, now,
                now.plusSeconds(3600), now.plusSeconds(2400), CertificateStatus.ACTIVE);
    }

    interface Calls {
        Object call(String method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Calls calls) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> switch (m.getName()) {
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == a[0];
            case "toString" -> "fake " + type.getSimpleName();
            default -> calls.call(m.getName(), a);
        }));
    }

    /** The configuration as DS hands it: enabled (off by default), the given properties, defaults for the rest. */
    private static ProxyConfiguration config(Map<String, Object> properties) {
        return (ProxyConfiguration) Proxy.newProxyInstance(ProxyConfiguration.class.getClassLoader(),
                new Class<?>[] {ProxyConfiguration.class}, (p, m, a) -> {
                    String key = m.getName().replace('_', '.');
                    return properties.containsKey(key) ? properties.get(key)
                            : key.equals("enabled") ? Boolean.TRUE : m.getDefaultValue();
                });
    }

    private SSLSocket tls(String host) throws Exception {
        SSLContext context = ca.clientContext();
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(
                new Socket(InetAddress.getLoopbackAddress(), httpsPort), host, httpsPort, true);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(host)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    private String serial(String host) throws Exception {
        try (SSLSocket s = tls(host)) {
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber().toString(16);
        }
    }

    private String get(String host, String path) throws Exception {
        try (SSLSocket s = tls(host)) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 200")) {
                fail("not 200: " + text);
            }
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }
    }
}
