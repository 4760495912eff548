package dev.berth.itests.e2e;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.Docker;
import dev.berth.itests.support.DockerDaemon;

/**
 * The web application firewall in front of one's own containers, in the assembled Berth with the real Docker engine:
 * with {@code BERTH_SQUID_REVERSE_ENABLED=true} a container labelled {@code berth.waf.host} / {@code berth.waf.port}
 * on a Berth network is published through Squid over HTTP and HTTPS (a certificate from Berth's CA for its name),
 * every request and response passing Berth's ICAP WAF: a clean page is served, an attack is answered 403 by the WAF
 * and never reaches the container, a page disclosing a database error is blocked, an unknown host is not forwarded,
 * and a container that goes away is no longer published.
 */
public class WafReverseDockerIT {

    private static final String HOST = "shop.waf-reverse.test";
    private static final List<String> CONTAINERS = List.of("wr-shop");
    private static final List<String> NETWORKS = List.of("wr-net");

    private static DockerDaemon dockerd;
    private static Docker docker;
    private static BerthInstance berth;
    private static int http;
    private static int https;
    private static Path caFile;

    @BeforeClass
    public static void start() throws Exception {
        dockerd = DockerDaemon.start("wafr");
        docker = dockerd.cli();
        http = BerthInstance.freePort();
        https = BerthInstance.freePort();
        berth = BerthInstance.create("waf-reverse-docker");
        berth.env("BERTH_DOCKER_SOCKET", dockerd.socket().toString()).env("BERTH_SQUID_ENABLED", "true")
                .env("BERTH_SQUID_HTTP_PORT", Integer.toString(BerthInstance.freePort()))
                .env("BERTH_SQUID_ICAP_PORT", Integer.toString(BerthInstance.freePort())).env("BERTH_SQUID_CACHE_DISK_MB", "0")
                .env("BERTH_SQUID_REVERSE_ENABLED", "true").env("BERTH_SQUID_REVERSE_ADDRESS", "127.0.0.1")
                .env("BERTH_SQUID_REVERSE_HTTP_PORT", Integer.toString(http))
                .env("BERTH_SQUID_REVERSE_HTTPS_PORT", Integer.toString(https)).start();
        docker.cleanUp(CONTAINERS, NETWORKS);
        docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "wr-net").ok();
        Path www = Files.createTempDirectory("berth-waf-reverse-www");
        Files.writeString(www.resolve("index.html"), "welcome to the shop\n");
        Files.writeString(www.resolve("leak.html"),
                "Warning: You have an error in your SQL syntax; check the manual near ''' at line 1\n");
        docker.httpd("wr-shop", www, "--network", "wr-net", "-l", "berth.waf.host=" + HOST, "-l", "berth.waf.port=80");
        caFile = berth.caCertificateFile();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (docker != null) {
            docker.cleanUp(CONTAINERS, NETWORKS);
        }
        if (dockerd != null) {
            dockerd.close();
        }
        if (berth != null) {
            berth.stop();
        }
    }


    /** A GET to Squid's reverse HTTP port for a host name: the response head and body. */
    private static String get(String host, String path) {
        return Commands.run(List.of("curl", "-sS", "-i", "--max-time", "20", "-H", "Host: " + host,
                "http://127.0.0.1:" + http + path), 30).out();
    }

    @Test
    public void aLabelledContainerIsPublishedThroughTheWaf() {
        String page = Deadline.await("the shop published through Squid", Duration.ofSeconds(60),
                () -> get(HOST, "/index.html"), r -> r.startsWith("HTTP/1.1 200"));
        assertTrue(page, page.contains("welcome to the shop"));
        String sites = berth.script("berth-shell", "waf:sites").ok();
        assertTrue(sites, sites.contains(HOST) && sites.contains("wr-shop"));

        String attack = get(HOST, "/index.html?id=1%27%20OR%20%271%27%3D%271");
        assertTrue(attack, attack.startsWith("HTTP/1.1 403") && attack.contains("X-Berth-Waf-Rule"));
        String leak = get(HOST, "/leak.html");
        assertTrue("the database error is blocked on its way out: " + leak, leak.startsWith("HTTP/1.1 403")
                && leak.contains("X-Berth-Waf-Rule") && !leak.contains("SQL syntax"));
        String unknown = get("elsewhere.waf-reverse.test", "/index.html");
        assertTrue(unknown, unknown.startsWith("HTTP/1.1 403") && !unknown.contains("welcome"));
        String served = docker.docker("logs", "wr-shop").out() + docker.docker("logs", "wr-shop").err();
        assertTrue("the container saw the clean request: " + served, served.contains("/index.html"));
        assertFalse("the attack never reached the container: " + served, served.contains("OR"));

        String secure = Deadline.await("the shop over HTTPS with Berth's certificate", Duration.ofSeconds(60),
                () -> Commands.run(List.of("curl", "-sS", "-i", "--max-time", "20", "--cacert", caFile.toString(),
                        "--resolve", HOST + ":" + https + ":127.0.0.1", "https://" + HOST + ":" + https + "/index.html"),
                        30).out(), r -> r.startsWith("HTTP/1.1 200"));
        assertTrue(secure, secure.contains("welcome to the shop"));

        docker.docker("rm", "-f", "wr-shop").ok();
        Deadline.await("the shop no longer published", Duration.ofSeconds(60),
                () -> get(HOST, "/index.html"), r -> r.startsWith("HTTP/1.1 403"));
    }
}
