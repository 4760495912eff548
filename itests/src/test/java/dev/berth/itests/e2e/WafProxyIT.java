package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;

/**
 * The caching proxy and its web application firewall in the assembled Berth: with {@code BERTH_SQUID_ENABLED=true}
 * Berth starts the system's Squid, gets the ICAP link's certificates from its own CA, and every request through
 * the proxy to an origin the test runs on loopback passes Berth's ICAP WAF. A clean page is cached, an attack is
 * answered 403 with the rule and incident and never reaches the origin, a response that discloses a database error
 * is blocked, and the incident reaches {@code waf:blocks} and the operators' API.
 */
public class WafProxyIT {

    private static BerthInstance berth;
    private static HttpServer origin;
    private static final List<String> reached = new CopyOnWriteArrayList<>();
    private static int proxyPort;

    @BeforeClass
    public static void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/", exchange -> {
            try (exchange) {
                String uri = exchange.getRequestURI().toString();
                reached.add(uri);
                String body = uri.startsWith("/leak")
                        ? "Warning: You have an error in your SQL syntax; check the manual near ''' at line 1\n"
                        : "page " + uri + "\n";
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.getResponseHeaders().add("Cache-Control", "public, max-age=300");
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        origin.start();
        proxyPort = BerthInstance.freePort();
        berth = BerthInstance.create("waf-proxy");
        berth.env("BERTH_PLUGIN_SOCKET", berth.data().resolve("plugin.sock").toString())
                .env("BERTH_SQUID_ENABLED", "true").env("BERTH_SQUID_HTTP_PORT", Integer.toString(proxyPort))
                .env("BERTH_SQUID_ICAP_PORT", Integer.toString(BerthInstance.freePort())).env("BERTH_SQUID_CACHE_DISK_MB", "0")
                .start();
        Deadline.await("Squid with its ICAP link up", Duration.ofSeconds(120),
                () -> get("/ready").out(), out -> out.startsWith("HTTP/1.1 200"));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (berth != null) {
            berth.stop();
        }
        if (origin != null) {
            origin.stop(0);
        }
    }


    /** A GET through Berth's proxy: the response head and body. */
    private static Commands.Result get(String path) {
        return Commands.run(List.of("curl", "-sS", "-i", "--max-time", "20", "-x", "http://127.0.0.1:" + proxyPort,
                "http://127.0.0.1:" + origin.getAddress().getPort() + path), 30);
    }

    private static String header(String response, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.+?)\\s*$").matcher(response);
        return m.find() ? m.group(1) : "";
    }

    @Test
    public void aCleanPageIsServedAndCachedAndAnAttackIsBlockedBeforeTheOrigin() {
        String first = get("/static/page").ok();
        assertTrue(first, first.startsWith("HTTP/1.1 200") && first.contains("page /static/page"));
        assertTrue(first, header(first, "X-Cache").startsWith("MISS"));
        String second = Deadline.await("the page from Squid's cache", Duration.ofSeconds(20),
                () -> get("/static/page").ok(), r -> header(r, "X-Cache").startsWith("HIT"));
        assertTrue(second, second.contains("page /static/page"));
        assertEquals("the cached page reached the origin once", 1,
                reached.stream().filter("/static/page"::equals).count());

        String attack = get("/search?id=1%27%20OR%20%271%27%3D%271").ok();
        assertTrue(attack, attack.startsWith("HTTP/1.1 403"));
        String rule = header(attack, "X-Berth-Waf-Rule");
        String incident = header(attack, "X-Berth-Waf-Incident");
        assertTrue(attack, rule.startsWith("3") && incident.matches("[0-9a-f]{16}"));
        assertFalse("the attack never reached the origin: " + reached, reached.stream().anyMatch(u -> u.startsWith("/search")));

        String blocks = berth.script("berth-shell", "waf:blocks").ok();
        assertTrue(blocks, blocks.contains(incident) && blocks.contains(rule));
    }

    @Test
    public void aResponseDisclosingADatabaseErrorIsBlockedAndNotCached() {
        String leak = get("/leak").ok();
        assertTrue(leak, leak.startsWith("HTTP/1.1 403"));
        assertEquals(leak, "9001", header(leak, "X-Berth-Waf-Rule"));
        assertFalse(leak, leak.contains("SQL syntax"));
        String again = get("/leak").ok();
        assertTrue("a blocked response is not served from the cache: " + again, again.startsWith("HTTP/1.1 403")
                && !header(again, "X-Cache").startsWith("HIT"));
    }

    @Test
    public void administratorsReadTheIncidentsOnTheApi() throws Exception {
        String attack = get("/q?x=%3Cscript%3Ealert(1)%3C/script%3E").ok();
        String incident = header(attack, "X-Berth-Waf-Incident");
        assertTrue(attack, attack.startsWith("HTTP/1.1 403") && !incident.isEmpty());
        Path admin = Files.createTempDirectory("berth-waf").resolve("admin");
        berth.script("berth-shell", "cert:issue --profile client --cn berth-admin it-waf-admin").ok();
        berth.script("berth-shell", "cert:export it-waf-admin " + admin).ok();
        String incidents = Commands.run(List.of("curl", "-sS", "--max-time", "10", "--cacert",
                admin.resolve("ca.pem").toString(), "--cert", admin.resolve("chain.pem").toString(), "--key",
                admin.resolve("key.pem").toString(), "https://127.0.0.1:" + berth.setting("BERTH_CERTS_WEBDAV_PORT")
                        + "/api/v1/waf-incidents"), 30).ok();
        assertTrue(incidents, incidents.contains("\"incident\":\"" + incident + "\"")
                && incidents.contains("\"action\":\"blocked\""));
        String status = berth.script("berth-shell", "squid:status").ok();
        assertTrue(status, status.contains("icaps"));
    }
}
