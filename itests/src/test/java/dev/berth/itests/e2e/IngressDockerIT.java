package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.Docker;
import dev.berth.itests.support.DockerDaemon;

/**
 * The ingress proxy with the real Docker engine and the real HAProxy: a container labelled
 * {@code berth.http.host} / {@code berth.http.port} on a Berth network is served over HTTPS with a certificate of
 * Berth's CA for its name, plain HTTP redirects to HTTPS, and the route goes with the container.
 */
public class IngressDockerIT {

    private static final List<String> CONTAINERS = List.of("ing-app");
    private static final List<String> NETWORKS = List.of("ing");
    private static final String HOST = "app.berth.internal";

    private static DockerDaemon dockerd;
    private static Docker docker;
    private static BerthInstance berth;
    private static Path caFile;
    private static int https;
    private static int http;

    @BeforeClass
    public static void start() throws Exception {
        dockerd = DockerDaemon.start("ingress");
        docker = dockerd.cli();
        https = BerthInstance.freePort();
        http = BerthInstance.freePort();
        berth = BerthInstance.create("ingress-docker");
        berth.env("BERTH_DOCKER_SOCKET", dockerd.socket().toString()).env("BERTH_PROXY_ENABLED", "true")
                .env("BERTH_PROXY_HTTPS_ADDRESS", "127.0.0.1").env("BERTH_PROXY_HTTPS_PORT", Integer.toString(https))
                .env("BERTH_PROXY_HTTP_ADDRESS", "127.0.0.1").env("BERTH_PROXY_HTTP_PORT", Integer.toString(http))
                .start();
        docker.cleanUp(CONTAINERS, NETWORKS);
        docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "ing").ok();
        Path www = Files.createTempDirectory("berth-ingress-www");
        Files.writeString(www.resolve("index.html"), "hello from ing-app\n");
        docker.httpd("ing-app", www, "--network", "ing", "-l", "berth.http.host=" + HOST, "-l", "berth.http.port=80");
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


    private static String masterPid(String status) {
        Matcher m = Pattern.compile("Master PID\\D*(\\d+)").matcher(status);
        assertTrue(status, m.find());
        return m.group(1);
    }

    /** curl over HTTPS to the proxy, the name resolved to loopback, trusting Berth's CA only. */
    private static Commands.Result httpsGet(String host) {
        return Commands.run(List.of("curl", "-sS", "--max-time", "5", "--cacert", caFile.toString(), "--resolve",
                host + ":" + https + ":127.0.0.1", "-w", "\n%{http_code}", "https://" + host + ":" + https + "/"), 30);
    }

    @Test
    public void aLabelledContainerIsServedOverHttpsWithBerthsCertificateAndItsRouteGoesWithIt() throws Exception {
        String served = Deadline.await("ing-app served through HAProxy", Duration.ofSeconds(60),
                () -> httpsGet(HOST).out(), out -> out.contains("hello from ing-app"));
        assertTrue(served, served.endsWith("\n200"));
        // the certificate is Berth's, for the route's name: curl verified it against Berth's CA above; and openssl
        Commands.Result chain = Commands.run(List.of("sh", "-c", "openssl s_client -connect 127.0.0.1:" + https
                + " -servername " + HOST + " -CAfile " + caFile + " -verify_hostname " + HOST
                + " -verify_return_error -brief </dev/null 2>&1"), 30);
        assertTrue(chain.out(), chain.out().contains("Verification: OK"));

        Commands.Result redirect = Commands.run(List.of("curl", "-sS", "--max-time", "5", "-o", "/dev/null", "-w",
                "%{http_code} %{redirect_url}", "-H", "Host: " + HOST, "http://127.0.0.1:" + http + "/"), 30);
        assertTrue(redirect.out(), redirect.out().matches("30[128] https://" + Pattern.quote(HOST) + "/?.*"));

        String status = berth.script("berth-shell", "proxy:status").ok();
        assertTrue(status, status.contains("true"));
        String routes = berth.script("berth-shell", "proxy:routes").ok();
        assertTrue(routes, routes.contains(HOST) && routes.contains(docker.address("ing-app", "ing", false)));

        // the operators' API lists the route (administrators' client certificate, mutual TLS)
        Path admin = Files.createTempDirectory("berth-ingress-admin").resolve("admin");
        berth.script("berth-shell", "cert:issue --profile client --cn berth-admin it-admin").ok();
        berth.script("berth-shell", "cert:export it-admin " + admin).ok();
        String api = Commands.run(List.of("curl", "-sS", "--max-time", "10", "--cacert", caFile.toString(), "--cert",
                admin.resolve("chain.pem").toString(), "--key", admin.resolve("key.pem").toString(),
                "https://127.0.0.1:" + berth.setting("BERTH_CERTS_WEBDAV_PORT") + "/api/v1/routes"), 30).ok();
        assertTrue(api, api.contains("\"hosts\":[\"" + HOST + "\"]") && api.contains("\"origin\":\"container:ing-app\""));

        // the adapter is hot-swappable: an update of its bundle stops its HAProxy and brings the routes back
        String before = berth.script("berth-shell", "proxy:status").ok();
        berth.script("berth-shell", "bundle:update berth-haproxy").ok();
        String again = Deadline.await("ing-app served again after bundle:update", Duration.ofSeconds(60),
                () -> httpsGet(HOST).out(), out -> out.contains("hello from ing-app"));
        assertTrue(again, again.endsWith("\n200"));
        String after = berth.script("berth-shell", "proxy:status").ok();
        assertTrue("a new HAProxy master after the update:\n" + before + "\n" + after,
                !masterPid(before).equals(masterPid(after)));

        docker.docker("rm", "-f", "ing-app").ok();
        String gone = Deadline.await("the route gone with the container", Duration.ofSeconds(60),
                () -> httpsGet(HOST).out(), out -> !out.contains("hello from ing-app"));
        assertEquals("no route for the name: " + gone, false, gone.endsWith("\n200"));
    }
}
