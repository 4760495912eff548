package dev.berth.itests.e2e;

import static dev.berth.itests.support.Docker.IMAGE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.Docker;
import dev.berth.itests.support.DockerDaemon;
import dev.berth.itests.support.OutsideHost;
import dev.berth.itests.support.UnixHttp;

/**
 * {@code docker network create -d berth} with the real Docker engine (a dockerd of the test's own, with live
 * restore, so the test may restart it), real containers and real packets: isolation, egress, ingress,
 * restarts, residue.
 */
public class NetworkDockerIT {

    private static final List<String> CONTAINERS = List.of("bn-a1", "bn-a2", "bn-b1", "bn-i1", "bn-e1", "bn-w1",
            "bn-a3", "bn-a4", "bn-m1", "bn-m2");
    private static final List<String> NETWORKS = List.of("bn-a", "bn-b", "bn-i", "bn-e", "bn-m");

    private static DockerDaemon dockerd;
    private static Docker docker;
    private static BerthInstance berth;
    private static OutsideHost outside;

    @BeforeClass
    public static void start() throws Exception {
        berth = BerthInstance.create("net-docker");
        berth.start();
        dockerd = DockerDaemon.start("net");
        docker = dockerd.cli();
        docker.cleanUp(CONTAINERS, NETWORKS);
        outside = OutsideHost.create();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (docker != null) {
            docker.cleanUp(CONTAINERS, NETWORKS);
        }
        if (outside != null) {
            outside.close();
        }
        if (dockerd != null) {
            dockerd.close();
        }
        if (berth != null) {
            berth.stop();
        }
    }

    @After
    public void cleanUp() {
        docker.cleanUp(CONTAINERS, NETWORKS);
    }

    private static void network(String name, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("network", "create", "-d", "berth", "--ipam-driver",
                "berth"));
        args.addAll(List.of(options));
        args.add(name);
        docker.docker(args.toArray(new String[0])).ok();
    }

    private static void run(String name, String network, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-d", "--name", name, "--network", network));
        args.addAll(List.of(extra));
        args.addAll(List.of(IMAGE, "sleep", "600"));
        docker.docker(args.toArray(new String[0])).ok();
    }

    @Test
    public void containersOnOneNetworkTalkAndNoOtherNetworkReachesThem() {
        network("bn-a", "--ipv6");
        network("bn-b", "--ipv6");
        run("bn-a1", "bn-a");
        run("bn-a2", "bn-a");
        run("bn-b1", "bn-b");
        String a2v4 = docker.address("bn-a2", "bn-a", false);
        String a2v6 = docker.address("bn-a2", "bn-a", true);
        assertTrue("IPv4 within the network", docker.ping("bn-a1", a2v4));
        assertTrue("IPv6 within the network", docker.ping("bn-a1", a2v6));
        assertFalse("IPv4 from another network", docker.ping("bn-b1", a2v4));
        assertFalse("IPv6 from another network", docker.ping("bn-b1", a2v6));
        assertFalse("and back", docker.ping("bn-a1", docker.address("bn-b1", "bn-b", false)));
    }

    @Test
    public void onlyANetworkTaggedForNatReachesBeyondTheHost() {
        network("bn-e", "--ipv6", "-o", "berth.egress=nat");
        network("bn-a", "--ipv6");
        network("bn-i", "--internal");
        run("bn-e1", "bn-e");
        run("bn-a1", "bn-a");
        run("bn-i1", "bn-i");
        assertTrue("IPv4 egress via NAT", docker.ping("bn-e1", OutsideHost.IPV4));
        assertTrue("IPv6 egress via NAT", docker.ping("bn-e1", OutsideHost.IPV6));
        assertFalse("no egress without the tag (IPv4)", docker.ping("bn-a1", OutsideHost.IPV4));
        assertFalse("no egress without the tag (IPv6)", docker.ping("bn-a1", OutsideHost.IPV6));
        assertFalse("an --internal network has no way out", docker.ping("bn-i1", OutsideHost.IPV4));
        String routes = docker.docker("exec", "bn-i1", "ip", "route").ok();
        assertFalse("an --internal network gives no default route: " + routes, routes.contains("default"));
    }

    @Test
    public void publishedPortsReachTheContainerFromOutsideAndFromTheHost() throws Exception {
        network("bn-a");
        Path www = Files.createTempDirectory("berth-www");
        Files.writeString(www.resolve("index.html"), "hello from berth\n");
        docker.httpd("bn-w1", www, "--network", "bn-a", "-p", "18080:80");
        String fromOutside = Deadline.await("the page from outside", Duration.ofSeconds(20),
                () -> outside.httpGet(OutsideHost.HOST_IPV4, 18080), page -> page.contains("hello from berth"));
        assertTrue(fromOutside, fromOutside.contains(" 200 OK"));
        String fromHost = Commands.run(List.of("sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc -w 3 127.0.0.1 18080"), 30).out();
        assertTrue(fromHost, fromHost.contains("hello from berth"));
        docker.docker("rm", "-f", "bn-w1").ok();
        assertEquals("the port is closed again", "", outside.httpGet(OutsideHost.HOST_IPV4, 18080));
    }

    @Test
    public void mtuAndMacAddressesAreHonoured() throws Exception {
        network("bn-m", "-o", "com.docker.network.driver.mtu=1400");
        // the CLI asks newer daemons for a per-network MAC; the Engine API takes the container's MacAddress
        String create = "{\"Image\":\"" + IMAGE + "\",\"Cmd\":[\"sleep\",\"600\"],\"MacAddress\":\"02:42:c6:12:00:99\","
                + "\"HostConfig\":{\"NetworkMode\":\"bn-m\"}}";
        assertEquals(201, UnixHttp.postJson(dockerd.socket(), "/v1.41/containers/create?name=bn-m1", create).status());
        assertEquals(204, UnixHttp.postJson(dockerd.socket(), "/v1.41/containers/bn-m1/start", "").status());
        run("bn-m2", "bn-m");
        String link1 = docker.docker("exec", "bn-m1", "ip", "link", "show", "eth0").ok();
        assertTrue(link1, link1.contains("mtu 1400") && link1.contains("02:42:c6:12:00:99"));
        String link2 = docker.docker("exec", "bn-m2", "ip", "link", "show", "eth0").ok();
        assertTrue("a MAC Berth chose is locally administered: " + link2, link2.contains("link/ether 02:"));
    }

    @Test
    public void unknownOptionsAreRefusedByName() {
        Commands.Result unknown = docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "-o",
                "berth.colour=red", "bn-b");
        assertNotEquals(0, unknown.exit());
        assertTrue(unknown.err(), unknown.err().contains("unknown option berth.colour"));
        Commands.Result internalNat = docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth",
                "--internal", "-o", "berth.egress=nat", "bn-b");
        assertNotEquals(0, internalNat.exit());
        assertTrue(internalNat.err(), internalNat.err().contains("--internal network has no way out"));
        assertNotEquals(0, docker.docker("network", "inspect", "bn-b").exit());
    }

    @Test
    public void restartsOfBerthAndDockerdLoseNoConnectivity() throws Exception {
        network("bn-a", "--ipv6");
        run("bn-a1", "bn-a");
        run("bn-a2", "bn-a");
        String a1 = docker.address("bn-a1", "bn-a", false);
        String a2v6 = docker.address("bn-a2", "bn-a", true);

        berth.kill();
        assertTrue("traffic flows while Berth is down", docker.ping("bn-a2", a1));
        berth.start();
        assertTrue(docker.ping("bn-a2", a1));
        assertTrue(docker.ping("bn-a1", a2v6));
        run("bn-a3", "bn-a");
        assertTrue("a new container joins after the restart", docker.ping("bn-a3", a1));

        dockerd.restart();
        assertTrue("traffic flows after dockerd restarts", docker.ping("bn-a2", a1));
        run("bn-a4", "bn-a");
        assertTrue("a new container joins after dockerd restarts", docker.ping("bn-a4", a2v6));
    }

    @Test
    public void removingNetworksLeavesNoResidue() throws Exception {
        network("bn-a", "--ipv6", "-o", "berth.egress=nat");
        network("bn-b");
        run("bn-a1", "bn-a", "-p", "18081:80");
        run("bn-b1", "bn-b");
        docker.cleanUp(CONTAINERS, NETWORKS);
        String links = Commands.run("ip", "-br", "link").ok();
        assertFalse(links, links.contains("bt-") || links.contains("bh-") || links.contains("bc-"));
        String rules = Commands.run("ip", "rule").ok() + Commands.run("ip", "-6", "rule").ok();
        assertFalse(rules, rules.contains("lookup 25") || rules.contains("0xb37"));
        String routes = Commands.run("ip", "route", "show", "table", "all").ok()
                + Commands.run("ip", "-6", "route", "show", "table", "all").ok();
        assertFalse(routes, routes.contains("table 25"));
        assertNotEquals("the nftables table is gone", 0, Commands.run("nft", "list", "table", "inet", "berth").exit());
    }
}
