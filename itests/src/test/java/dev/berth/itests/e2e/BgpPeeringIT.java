package dev.berth.itests.e2e;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Routing between nodes in the assembled Berth: with {@code BERTH_FRR_ENABLED=true} Berth runs the system's FRR
 * (zebra, bgpd) and peers over iBGP with another node, here an FRR of the test's own in a network namespace joined
 * to the host by a veth pair (198.18.244.0/24). The subnet of a Berth network created with the real Docker engine is
 * announced to the peer and lands in the peer's kernel; the peer's network lands in the host's; removing the Docker
 * network withdraws the route; stopping Berth takes its learned routes away.
 */
public class BgpPeeringIT {

    private static final String NS = "berth-bgp-it";
    private static final String HOST_LINK = "bbgp-it0";
    /** The peer's network, inside Berth's address plan (the shipped schema's swarm-v4 pool). */
    private static final String PEER_PREFIX = "198.19.44.0/24";
    /** Announced by the peer too, outside the plan: Berth's FRR must refuse it. */
    private static final String OUTSIDE_PREFIX = "198.19.244.0/24";

    private static DockerDaemon dockerd;
    private static Docker docker;
    private static BerthInstance berth;
    private static Path peerDir;
    private static final List<Process> peerDaemons = new ArrayList<>();

    @BeforeClass
    public static void start() throws Exception {
        cleanUpLinks();
        ip("netns", "add", NS);
        ip("link", "add", HOST_LINK, "type", "veth", "peer", "name", "bbgp-peer0");
        ip("link", "set", "bbgp-peer0", "netns", NS);
        ip("addr", "add", "198.18.244.1/24", "dev", HOST_LINK);
        ip("link", "set", HOST_LINK, "up");
        ipns("addr", "add", "198.18.244.2/24", "dev", "bbgp-peer0");
        ipns("link", "set", "bbgp-peer0", "up");
        ipns("link", "set", "lo", "up");
        // the peer's own "network": a bridge with an address, as a Berth node's network has
        ipns("link", "add", "bbgp-net0", "type", "bridge");
        ipns("addr", "add", "198.19.44.1/24", "dev", "bbgp-net0");
        ipns("link", "set", "bbgp-net0", "up");
        ipns("link", "add", "bbgp-net1", "type", "bridge");
        ipns("addr", "add", "198.19.244.1/24", "dev", "bbgp-net1");
        ipns("link", "set", "bbgp-net1", "up");
        startPeer();

        dockerd = DockerDaemon.start("bgp");
        docker = dockerd.cli();
        docker.cleanUp(List.of(), List.of("bgpn"));
        berth = BerthInstance.create("bgp-peering");
        berth.env("BERTH_DOCKER_SOCKET", dockerd.socket().toString()).env("BERTH_FRR_ENABLED", "true")
                .env("BERTH_FRR_PEERS", "198.18.244.2").env("BERTH_FRR_ROUTER_ID", "198.18.244.1").start();
    }

    /** zebra and bgpd in the namespace, in a directory of the test's own, as a second node would run them. */
    private static void startPeer() throws Exception {
        peerDir = Files.createTempDirectory("berth-bgp-peer");
        Files.writeString(peerDir.resolve("frr.conf"), String.join("\n",
                "frr defaults traditional",
                "hostname peer",
                "router bgp 64512",
                " bgp router-id 198.18.244.2",
                " timers bgp 3 9",
                " neighbor 198.18.244.1 remote-as 64512",
                " address-family ipv4 unicast",
                "  network " + PEER_PREFIX,
                "  network " + OUTSIDE_PREFIX,
                " exit-address-family",
                ""));
        Commands.run("chown", "-R", "frr:frr", peerDir.toString()).ok();
        for (String daemon : List.of("zebra", "bgpd")) {
            Process p = new ProcessBuilder("ip", "netns", "exec", NS, "/usr/lib/frr/" + daemon,
                    "-f", peerDir.resolve("frr.conf").toString(), "-i", peerDir.resolve(daemon + ".pid").toString(),
                    "-z", peerDir.resolve("zserv.api").toString(), "--vty_socket", peerDir.toString(), "-P", "0",
                    "-u", "frr", "-g", "frr", "--log", "file:" + peerDir.resolve(daemon + ".log"))
                    .redirectErrorStream(true).redirectOutput(peerDir.resolve(daemon + ".out").toFile()).start();
            peerDaemons.add(p);
            Deadline.await("the peer's " + daemon, Duration.ofSeconds(30),
                    () -> Files.exists(peerDir.resolve(daemon + ".vty")) && p.isAlive(), up -> up);
        }
    }

    @AfterClass
    public static void stop() throws Exception {
        if (docker != null) {
            docker.cleanUp(List.of(), List.of("bgpn"));
        }
        if (berth != null) {
            berth.stop();
        }
        if (dockerd != null) {
            dockerd.close();
        }
        for (Process p : peerDaemons) {
            p.destroy();
            p.waitFor();
        }
        cleanUpLinks();
    }

    private static void cleanUpLinks() {
        Commands.run("ip", "link", "del", HOST_LINK);
        Commands.run("ip", "netns", "del", NS);
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Commands.run(command, 30).ok();
    }

    private static void ipns(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NS, "ip"));
        command.addAll(List.of(args));
        Commands.run(command, 30).ok();
    }

    private static String peerRoute(String prefix) {
        return Commands.run(List.of("ip", "netns", "exec", NS, "ip", "route", "show", prefix), 30).out().trim();
    }

    @Test
    public void aBerthNetworkIsAnnouncedToThePeerAndThePeersNetworkIsLearned() throws Exception {
        String status = Deadline.await("the iBGP session with the peer", Duration.ofSeconds(60),
                () -> berth.script("berth-shell", "bgp:status").out(),
                out -> out.lines().anyMatch(l -> l.contains("198.18.244.2") && l.contains("Established")));
        assertTrue(status, status.contains("64512"));

        String learned = Deadline.await("the peer's network in the host's kernel", Duration.ofSeconds(60),
                () -> Commands.run("ip", "route", "show", PEER_PREFIX).out().trim(), r -> r.contains("proto bgp"));
        assertTrue(learned, learned.contains("via 198.18.244.2"));
        // announced in the same update, refused by the inbound filter: not in Berth's address plan
        assertTrue("a prefix outside the address plan is not installed",
                Commands.run("ip", "route", "show", OUTSIDE_PREFIX).out().trim().isEmpty());

        docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "bgpn").ok();
        String subnet = docker.docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", "bgpn").ok();
        String announced = Deadline.await("the Berth network's subnet in the peer's kernel", Duration.ofSeconds(60),
                () -> peerRoute(subnet), r -> r.contains("proto bgp"));
        assertTrue(announced, announced.startsWith(subnet) && announced.contains("via 198.18.244.1"));
        String routes = berth.script("berth-shell", "bgp:routes").ok();
        assertTrue(routes, routes.contains(PEER_PREFIX) && routes.contains(subnet) && !routes.contains(OUTSIDE_PREFIX));

        docker.docker("network", "rm", "bgpn").ok();
        Deadline.await("the route withdrawn from the peer", Duration.ofSeconds(60), () -> peerRoute(subnet),
                String::isEmpty);

        berth.stop();
        berth = null;
        Deadline.await("the learned route gone with Berth's FRR", Duration.ofSeconds(30),
                () -> Commands.run("ip", "route", "show", PEER_PREFIX).out().trim(), String::isEmpty);
    }
}
