package dev.berth.itests.e2e;

import static dev.berth.itests.support.Docker.IMAGE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.ConsoleBrowser;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.Docker;
import dev.berth.itests.support.DockerDaemon;
import dev.berth.itests.support.LoopbackResolver;

/**
 * Berth's DNS with the real Docker engine: containers resolve each other by name through it, dig from the host
 * gets A, AAAA, PTR, SRV and TXT answers matching docker inspect, records follow containers, and other names
 * are forwarded to a resolver the test runs on loopback.
 */
public class DnsDockerIT {

    private static final List<String> CONTAINERS = List.of("dns-c1", "dns-c2", "dns-c3", "dns-c4");
    private static final List<String> NETWORKS = List.of("dn");

    private static DockerDaemon dockerd;
    private static Docker docker;
    private static BerthInstance berth;
    private static LoopbackResolver upstream;
    private static String gateway;

    @BeforeClass
    public static void start() throws Exception {
        dockerd = DockerDaemon.start("dns");
        docker = dockerd.cli();
        upstream = new LoopbackResolver("outside.example.test.", "198.19.9.9");
        berth = BerthInstance.create("dns-docker");
        // containers reach Berth's DNS on their gateway, on the standard port
        berth.env("BERTH_DOCKER_SOCKET", dockerd.socket().toString()).env("BERTH_DNS_PORT", "53")
                .env("BERTH_DNS_FORWARDERS", upstream.endpoint()).start();
        // what an interrupted earlier run left: berth networks can only be removed while the plugin answers
        docker.cleanUp(CONTAINERS, NETWORKS);
        docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "--ipv6", "dn").ok();
        gateway = docker.docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "dn").ok();
        docker.docker("run", "-d", "--name", "dns-c1", "--network", "dn", "--dns", gateway, IMAGE, "sleep", "600").ok();
        docker.docker("run", "-d", "--name", "dns-c2", "--network", "dn", "--dns", gateway,
                "-l", "berth.dns.srv.http=_http._tcp.web 8080", "-l", "berth.dns.txt.owner=dns-c2 team=payments",
                IMAGE, "sleep", "600").ok();
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
        if (upstream != null) {
            upstream.close();
        }
    }

    private static String dig(String name, String type) {
        return Commands.run("dig", "+short", "+time=2", "+tries=1", "@127.0.0.1", "-p", "53", name, type).out().trim();
    }

    private static String digStatus(String name) {
        String out = Commands.run("dig", "+time=2", "+tries=1", "@127.0.0.1", "-p", "53", name, "A").out();
        return out.contains("status: NXDOMAIN") ? "NXDOMAIN" : out.contains("status: NOERROR") ? "NOERROR" : out;
    }

    @Test
    public void containersResolveEachOtherByNameThroughBerth() {
        String v4 = docker.address("dns-c2", "dn", false);
        String v6 = docker.address("dns-c2", "dn", true);
        for (String name : List.of("dns-c2.dn.berth.internal", "dns-c2.berth.internal")) {
            String viaDocker = Deadline.await(name + " resolved in dns-c1", Duration.ofSeconds(30),
                    () -> docker.docker("exec", "dns-c1", "nslookup", name).out(), out -> out.contains(v4));
            assertTrue(viaDocker, viaDocker.contains(v6));
            String direct = docker.docker("exec", "dns-c1", "nslookup", "-type=AAAA", name, gateway).out();
            assertTrue(direct, direct.contains(v6));
        }
    }

    @Test
    public void netEndpointsNamesTheContainersOfANetwork() {
        String v4 = docker.address("dns-c2", "dn", false);
        String table = berth.script("berth-shell", "net:endpoints dn").ok();
        String row = table.lines().filter(l -> l.contains("dns-c2")).findFirst().orElseThrow(
                () -> new AssertionError("no row for dns-c2:\n" + table));
        assertTrue(row, row.contains(" " + v4 + " "));
        assertTrue(table, table.contains("dns-c1"));
    }

    /** GET of the operators' API (or page) with curl and the client certificate exported to {@code dir}. */
    private static Commands.Result operatorGet(java.nio.file.Path dir, String path) {
        return Commands.run(List.of("curl", "-sS", "--max-time", "10", "--cacert", dir.resolve("ca.pem").toString(),
                "--cert", dir.resolve("chain.pem").toString(), "--key", dir.resolve("key.pem").toString(),
                "-w", "\n%{http_code}", "https://127.0.0.1:" + berth.setting("BERTH_CERTS_WEBDAV_PORT") + path), 30);
    }

    @Test
    public void theOperatorsApiAndPageShowNetworksEndpointsAndZonesToAdministratorsOnly() throws Exception {
        java.nio.file.Path work = java.nio.file.Files.createTempDirectory("berth-operator");
        java.nio.file.Path admin = work.resolve("admin");
        java.nio.file.Path other = work.resolve("other");
        berth.script("berth-shell", "cert:issue --profile client --cn berth-admin it-admin").ok();
        berth.script("berth-shell", "cert:export it-admin " + admin).ok();
        berth.script("berth-shell", "cert:issue --profile client --cn it-someone it-other").ok();
        berth.script("berth-shell", "cert:export it-other " + other).ok();
        String v4 = docker.address("dns-c2", "dn", false);
        String bridge = berth.script("berth-shell", "net:networks").ok();

        String index = operatorGet(admin, "/api/v1/").ok();
        for (String name : List.of("networks", "endpoints", "pools", "tags", "zones", "volumes", "sets")) {
            assertTrue(index, index.contains("\"href\":\"/api/v1/" + name + "\""));
        }
        String networks = operatorGet(admin, "/api/v1/networks").ok();
        assertTrue(networks, networks.endsWith("\n200"));
        String bridgeName = networks.replaceAll("(?s).*\"bridge\":\"([^\"]+)\".*", "$1");
        assertTrue("the bridge the API shows is the one net:networks shows: " + bridgeName + "\n" + bridge,
                bridge.contains(bridgeName));
        String endpoints = Deadline.await("dns-c2's endpoint in the API", Duration.ofSeconds(10),
                () -> operatorGet(admin, "/api/v1/endpoints").out(), out -> out.contains("\"" + v4 + "\""));
        assertTrue(endpoints, endpoints.contains("\"addresses\":[\"" + v4 + "\""));
        String zones = operatorGet(admin, "/api/v1/zones").ok();
        assertTrue(zones, zones.contains("\"zone\":\"berth.internal.\""));
        String page = operatorGet(admin, "/console/").ok();
        assertTrue(page, page.contains("<title>Berth</title>") && page.endsWith("\n200"));

        String refused = operatorGet(other, "/api/v1/networks").ok();
        assertTrue("a client certificate that is not an administrator's: " + refused, refused.endsWith("\n403"));
        String post = Commands.run(List.of("curl", "-sS", "-X", "POST", "--cacert", admin.resolve("ca.pem").toString(),
                "--cert", admin.resolve("chain.pem").toString(), "--key", admin.resolve("key.pem").toString(),
                "-w", "\n%{http_code}", "https://127.0.0.1:" + berth.setting("BERTH_CERTS_WEBDAV_PORT")
                        + "/api/v1/networks"), 30).ok();
        assertTrue(post, post.endsWith("\n405"));
        Commands.Result anonymous = Commands.run(List.of("curl", "-sS", "--max-time", "10", "--cacert",
                admin.resolve("ca.pem").toString(), "https://127.0.0.1:" + berth.setting("BERTH_CERTS_WEBDAV_PORT")
                        + "/api/v1/networks"), 30);
        assertTrue("no client certificate, no TLS session: " + anonymous.out(), anonymous.exit() != 0);
    }

    @Test
    public void theConsoleDrawsTheApiInABrowserAndShowsLabelsAsText() throws Exception {
        java.nio.file.Path admin = java.nio.file.Files.createTempDirectory("berth-console").resolve("admin");
        berth.script("berth-shell", "cert:issue --profile client --cn berth-admin it-browser").ok();
        berth.script("berth-shell", "cert:export it-browser " + admin).ok();
        String v4 = docker.address("dns-c2", "dn", false);
        // a label is whatever the container's author wrote: the page must show it, never run it
        docker.docker("run", "-d", "--name", "dns-c4", "--network", "none", "-l",
                "berth.egress=<img src=x id=injected>", IMAGE, "sleep", "600").ok();
        Deadline.await("dns-c4's tag problem", Duration.ofSeconds(30),
                () -> berth.script("berth-shell", "tag:problems").out(), out -> out.contains("dns-c4"));

        try (ConsoleBrowser browser = new ConsoleBrowser(Integer.parseInt(berth.setting("BERTH_CERTS_WEBDAV_PORT")),
                admin)) {
            String dom = Deadline.await("the page drawn by Chromium", Duration.ofSeconds(120),
                    () -> browser.dom("/console/"), d -> d.contains("id=\"r-tag-problems\"") && d.contains(v4));
            for (String section : List.of("networks", "endpoints", "pools", "zones", "volumes", "sets")) {
                assertTrue(section + " drawn:\n" + dom, dom.contains("<section id=\"r-" + section + "\">"));
            }
            assertTrue("the endpoint's address in a cell of the endpoints table:\n" + dom,
                    dom.matches("(?s).*<td>([^<]*, )?" + java.util.regex.Pattern.quote(v4) + "(, [^<]*)?</td>.*"));
            assertTrue("the zone in the zones table", dom.contains("<td>berth.internal.</td>"));
            assertTrue("the label shown as text:\n" + dom, dom.contains("&lt;img src=x id=injected&gt;"));
            assertFalse("the label did not become markup", dom.contains("<img src=\"x\" id=\"injected\">")
                    || dom.contains("id=\"injected\""));
            assertFalse("no error drawn:\n" + dom, dom.contains("class=\"error\""));
        } finally {
            docker.docker("rm", "-f", "dns-c4");
        }
    }

    @Test
    public void digGetsTheRecordsDockerInspectShows() {
        String v4 = docker.address("dns-c2", "dn", false);
        String v6 = docker.address("dns-c2", "dn", true);
        Deadline.await("the A record", Duration.ofSeconds(30), () -> dig("dns-c2.dn.berth.internal", "A"), v4::equals);
        assertEquals(v6, dig("dns-c2.dn.berth.internal", "AAAA"));
        String[] octets = v4.split("\\.");
        String reverse4 = octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa";
        assertTrue(dig(reverse4, "PTR"), dig(reverse4, "PTR").contains("dns-c2.dn.berth.internal."));
        String reverse6 = Commands.run("dig", "+short", "-x", v6, "@127.0.0.1", "-p", "53").out().trim();
        assertTrue(reverse6, reverse6.contains("dns-c2.dn.berth.internal."));
        assertEquals("10 10 8080 dns-c2.berth.internal.", dig("_http._tcp.web.berth.internal", "SRV"));
        assertEquals("\"team=payments\"", dig("dns-c2.berth.internal", "TXT"));
        assertTrue(IpPrefix.parse(v4 + "/32").toString().startsWith(v4));
    }

    @Test
    public void otherNamesAreForwardedToTheConfiguredResolver() {
        assertEquals("198.19.9.9", dig("outside.example.test", "A"));
        assertEquals("NXDOMAIN", digStatus("nothing.example.test"));
        String inside = docker.docker("exec", "dns-c1", "nslookup", "outside.example.test").out();
        assertTrue(inside, inside.contains("198.19.9.9"));
        assertTrue(upstream.queries() > 0);
    }

    @Test
    public void recordsAppearWithAContainerAndVanishWithIt() {
        docker.docker("run", "-d", "--name", "dns-c3", "--network", "dn", IMAGE, "sleep", "600").ok();
        String v4 = docker.address("dns-c3", "dn", false);
        Deadline.await("dns-c3 published", Duration.ofSeconds(10), () -> dig("dns-c3.dn.berth.internal", "A"), v4::equals);
        docker.docker("rm", "-f", "dns-c3").ok();
        Deadline.await("dns-c3 withdrawn", Duration.ofSeconds(10), () -> digStatus("dns-c3.dn.berth.internal"),
                "NXDOMAIN"::equals);
    }
}
