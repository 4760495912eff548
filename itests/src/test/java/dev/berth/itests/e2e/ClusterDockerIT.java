package dev.berth.itests.e2e;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.Docker;
import dev.berth.itests.support.DockerDaemon;
import dev.berth.itests.support.TcpRelay;

/**
 * Two cluster nodes on one machine: node A is the host, node B a network namespace with a kernel network stack of its
 * own, joined to A by a veth pair (198.18.246.0/24, fd00:246::/64). Each node runs its own dockerd and its own Berth
 * (B's plugin is {@code berth-b}); they share A's database (B reaches it through two relays) and its address plan, each
 * node carving its networks from blocks of its own, and peer over iBGP with their FRRs. A tag spans both: containers are wired by labels alone, egress members on one node reach ingress
 * members of the same tag on the other over IPv4 and IPv6, with their own source addresses (A's network has NAT
 * egress, which must not apply between nodes), and every other direction is refused. Each node's DNS answers for
 * the other's containers. A container that goes away on one node is no longer let in, nor named, on the other.
 */
public class ClusterDockerIT {

    private static final String NS = "berth-node-b";
    private static final String A_LINK = "bclu-a0";
    private static final String B_LINK = "bclu-b0";
    private static final List<String> A_CONTAINERS = List.of("cl-client", "cl-idle");
    private static final List<String> B_CONTAINERS = List.of("cl-server", "cl-bclient", "cl-server2");

    private static DockerDaemon dockerdA;
    private static DockerDaemon dockerdB;
    private static Docker a;
    private static Docker b;
    private static BerthInstance berthA;
    private static BerthInstance berthB;
    private static TcpRelay databaseRelay;
    private static Process namespaceRelay;
    private static Path www;
    private static Path schema;

    @BeforeClass
    public static void start() throws Exception {
        cleanUpLinks();
        Commands.run(List.of("ip", "netns", "add", NS), 30).ok();
        Commands.run(List.of("ip", "link", "add", A_LINK, "type", "veth", "peer", "name", B_LINK), 30).ok();
        Commands.run(List.of("ip", "link", "set", B_LINK, "netns", NS), 30).ok();
        Commands.run(List.of("ip", "addr", "add", "198.18.246.1/24", "dev", A_LINK), 30).ok();
        Commands.run(List.of("ip", "addr", "add", "fd00:246::1/64", "dev", A_LINK, "nodad"), 30).ok();
        Commands.run(List.of("ip", "link", "set", A_LINK, "up"), 30).ok();
        Commands.run(List.of("ip", "-n", NS, "addr", "add", "198.18.246.2/24", "dev", B_LINK), 30).ok();
        Commands.run(List.of("ip", "-n", NS, "addr", "add", "fd00:246::2/64", "dev", B_LINK, "nodad"), 30).ok();
        Commands.run(List.of("ip", "-n", NS, "link", "set", B_LINK, "up"), 30).ok();
        Commands.run(List.of("ip", "-n", NS, "link", "set", "lo", "up"), 30).ok();

        // stock Docker installs: containers without --network start on the default bridge, Berth moves them
        dockerdA = DockerDaemon.start("clua", "198.19.246.1/24");
        dockerdB = DockerDaemon.startIn(NS, "club", "198.19.247.1/24");
        a = dockerdA.cli();
        b = dockerdB.cli();

        // one address plan for both nodes, carved in blocks per node
        schema = Files.createTempFile("berth-cluster-ipam", ".yaml");
        Files.writeString(schema, String.join("\n",
                "version: 1",
                "spaces:",
                "  local:",
                "    - name: nodes-v4",
                "      family: ipv4",
                "      prefixes: [198.18.0.0/17]",
                "      node_length: 20",
                "      subnet_length: 24",
                "      default: true",
                "    - name: nodes-v6",
                "      family: ipv6",
                "      prefixes: [\"fd00:b0a7::/48\"]",
                "      node_length: 56",
                "      subnet_length: 64",
                "      default: true",
                ""));
        berthA = BerthInstance.create("cluster-a");
        node(berthA, dockerdA, "node-a", "198.18.246.1", "198.18.246.2,fd00:246::2").start();

        // B shares A's database, which listens on A's loopback: B's loopback -> the link -> A's loopback
        int port = URI.create(berthA.databaseUrl().substring("jdbc:".length())).getPort();
        databaseRelay = TcpRelay.start(new InetSocketAddress(InetAddress.getByName("198.18.246.1"), port),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        namespaceRelay = TcpRelay.startIn(NS, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                new InetSocketAddress(InetAddress.getByName("198.18.246.1"), port));
        Deadline.await("the database relay in node B", Duration.ofSeconds(30), () -> Commands.run(
                List.of("ip", "netns", "exec", NS, "ss", "-Hltn", "sport", "=", ":" + port), 30).out(),
                out -> out.contains(":" + port + " "));
        Properties tls = berthA.clientTls();
        berthB = BerthInstance.create("cluster-b").inNetns(NS);
        node(berthB, dockerdB, "node-b", "198.18.246.2", "198.18.246.1,fd00:246::1")
                .env("BERTH_PLUGIN_SOCKET", "/run/docker/plugins/berth-b.sock")
                .env("BERTH_DB_URL", berthA.databaseUrl()).env("BERTH_DB_USER", "berth").env("BERTH_DB_TLS", "files")
                .env("BERTH_DB_SSLROOTCERT", tls.getProperty("sslrootcert"))
                .env("BERTH_DB_SSLCERT", tls.getProperty("sslcert")).env("BERTH_DB_SSLKEY", tls.getProperty("sslkey"))
                .start();

        a.cleanUp(A_CONTAINERS, List.of("clu-a"));
        b.cleanUp(B_CONTAINERS, List.of("clu-b"));
        a.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "--ipv6", "-o", "berth.tags=db",
                "-o", "berth.egress=nat", "clu-a").ok();
        b.docker("network", "create", "-d", "berth-b", "--ipam-driver", "berth-b", "--ipv6", "-o", "berth.tags=db",
                "clu-b").ok();
        www = Files.createTempDirectory("berth-cluster-www");
        Files.writeString(www.resolve("index.html"), "ok\n");
        serve(a, "cl-client", "berth.egress=db");
        serve(a, "cl-idle", "berth.ingress=db");
        serve(b, "cl-server", "berth.ingress=db");
        serve(b, "cl-bclient", "berth.egress=db");
    }

    private static BerthInstance node(BerthInstance berth, DockerDaemon dockerd, String name, String address,
            String peers) {
        return berth.env("BERTH_DOCKER_SOCKET", dockerd.socket().toString()).env("BERTH_HOST_NAME", name)
                .env("BERTH_IPAM_SCHEMA", schema.toString())
                .env("BERTH_NET_CLUSTER_POLL_SECONDS", "1").env("BERTH_DNS_CLUSTER_POLL_SECONDS", "1")
                .env("BERTH_FRR_ENABLED", "true")
                .env("BERTH_FRR_ROUTER_ID", address).env("BERTH_FRR_PEERS", peers);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (b != null) {
            b.cleanUp(B_CONTAINERS, List.of("clu-b"));
        }
        if (a != null) {
            a.cleanUp(A_CONTAINERS, List.of("clu-a"));
        }
        if (berthB != null) {
            berthB.stop();
        }
        if (dockerdB != null) {
            dockerdB.close();
        }
        if (namespaceRelay != null) {
            namespaceRelay.destroy();
            namespaceRelay.waitFor();
        }
        if (databaseRelay != null) {
            databaseRelay.close();
        }
        if (berthA != null) {
            berthA.stop();
        }
        if (dockerdA != null) {
            dockerdA.close();
        }
        cleanUpLinks();
    }

    private static void cleanUpLinks() {
        Commands.run("ip", "link", "del", A_LINK);
        Commands.run("ip", "netns", "del", NS);
    }

    private static void serve(Docker docker, String name, String label) {
        docker.httpd(name, www, "-l", label);
    }

    private static String address(Docker docker, String container, String network, boolean v6) {
        return Deadline.await(container + " attached to " + network, Duration.ofSeconds(30),
                () -> docker.docker("inspect", "-f", "{{with index .NetworkSettings.Networks \"" + network + "\"}}"
                        + (v6 ? "{{.GlobalIPv6Address}}" : "{{.IPAddress}}") + "{{end}}", container).out().trim(),
                x -> !x.isEmpty() && !x.equals("<no value>"));
    }

    /** An HTTP request with busybox nc from a container of one node to an address on the other. */
    private static boolean get(Docker from, String container, String address) {
        return from.docker("exec", container, "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + address
                + " 80").out().contains("200 OK");
    }

    private static List<String> addresses(Docker docker, String container, String network) {
        List<String> out = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            out.add(address(docker, container, network, v6));
        }
        return out;
    }

    private static void passes(Docker from, String container, Docker to, String target, String network) {
        for (String address : addresses(to, target, network)) {
            Deadline.await(container + " -> " + target + " at " + address + " to pass", Duration.ofSeconds(60),
                    () -> get(from, container, address), ok -> ok);
        }
    }

    private static void refused(Docker from, String container, Docker to, String target, String network) {
        for (String address : addresses(to, target, network)) {
            assertFalse(container + " -> " + target + " at " + address + " must be refused", get(from, container, address));
        }
    }

    private static String routeIn(String netns, String prefix) {
        List<String> command = new ArrayList<>(netns == null ? List.of() : List.of("ip", "netns", "exec", netns));
        // the route covering the subnet: with per-node blocks FRR installs the other node's block (an aggregate)
        command.addAll(List.of("ip", prefix.contains(":") ? "-6" : "-4", "route", "show", "match", prefix));
        return Commands.run(command, 30).out().trim();
    }

    /** The answer of a node's DNS, asked in that node's network namespace ({@code null}: the host's). */
    private static String dig(String netns, BerthInstance node, String name, String type) {
        List<String> command = new ArrayList<>(netns == null ? List.of() : List.of("ip", "netns", "exec", netns));
        command.addAll(List.of("dig", "@127.0.0.1", "-p", node.setting("BERTH_DNS_PORT"), "+short", "+time=2",
                "+tries=1", name, type));
        return Commands.run(command, 30).out().trim();
    }

    private static String subnet(Docker docker, String network, int index) {
        return docker.docker("network", "inspect", "-f", "{{(index .IPAM.Config " + index + ").Subnet}}", network).ok()
                .trim();
    }

    @Test
    public void aTagSpansTheNodesInTheDirectionOfItsLabels() throws Exception {
        // each node's subnets reach the other's kernel over iBGP
        for (int i = 0; i < 2; i++) {
            String subnetA = subnet(a, "clu-a", i);
            String subnetB = subnet(b, "clu-b", i);
            Deadline.await("node B's " + subnetB + " in node A's kernel", Duration.ofSeconds(90),
                    () -> routeIn(null, subnetB), r -> r.contains("proto bgp"));
            Deadline.await("node A's " + subnetA + " in node B's kernel", Duration.ofSeconds(90),
                    () -> routeIn(NS, subnetA), r -> r.contains("proto bgp"));
        }

        // each node carved its network from a block of its own
        assertTrue(subnet(a, "clu-a", 0), subnet(a, "clu-a", 0).startsWith("198.18.0."));
        assertTrue(subnet(b, "clu-b", 0), subnet(b, "clu-b", 0).startsWith("198.18.16."));
        String blocks = berthA.script("berth-shell", "ipam:blocks").ok();
        assertTrue(blocks, blocks.contains("198.18.0.0/20") && blocks.contains("node-a")
                && blocks.contains("198.18.16.0/20") && blocks.contains("node-b"));

        String view = Deadline.await("node B's network in net:cluster on node A", Duration.ofSeconds(30),
                () -> berthA.script("berth-shell", "net:cluster").out(),
                out -> out.contains("node-b") && out.contains("via 198.18.246.2"));
        assertTrue(view, view.contains(subnet(b, "clu-b", 0)) && view.contains("db"));
        String tags = berthA.script("berth-shell", "tag:list").ok();
        assertTrue(tags, tags.lines().anyMatch(l -> l.contains("db") && l.contains("node-b:")));

        passes(a, "cl-client", b, "cl-server", "clu-b");     // egress on A -> ingress on B, with A's NAT egress
        passes(b, "cl-bclient", a, "cl-idle", "clu-a");      // egress on B -> ingress on A
        refused(b, "cl-server", a, "cl-client", "clu-a");    // ingress -> egress
        refused(a, "cl-idle", b, "cl-server", "clu-b");      // ingress -> ingress
        refused(a, "cl-client", b, "cl-bclient", "clu-b");   // egress -> egress

        // each node's DNS answers for the other's containers
        List<String> server = addresses(b, "cl-server", "clu-b");
        Deadline.await("node A's DNS answering for node B's cl-server", Duration.ofSeconds(30),
                () -> dig(null, berthA, "cl-server.clu-b.berth.internal", "A"), x -> x.equals(server.get(0)));
        Deadline.await("node A's DNS answering AAAA for node B's cl-server", Duration.ofSeconds(30),
                () -> dig(null, berthA, "cl-server.berth.internal", "AAAA"), x -> x.equals(server.get(1)));
        String client = addresses(a, "cl-client", "clu-a").get(0);
        Deadline.await("node B's DNS answering for node A's cl-client", Duration.ofSeconds(30),
                () -> dig(NS, berthB, "cl-client.clu-a.berth.internal", "A"), x -> x.equals(client));

        // a container that leaves node B is no longer let in on node A, nor named there; a new one is, within the poll
        List<String> gone = server;
        b.docker("rm", "-f", "cl-server").ok();
        Deadline.await("cl-server gone from node A's DNS", Duration.ofSeconds(30),
                () -> dig(null, berthA, "cl-server.clu-b.berth.internal", "A"), String::isEmpty);
        Deadline.await("node A's firewall without " + gone, Duration.ofSeconds(30),
                () -> Commands.run("nft", "list", "table", "inet", "berth").out(),
                rules -> gone.stream().noneMatch(rules::contains));
        serve(b, "cl-server2", "berth.ingress=db");
        passes(a, "cl-client", b, "cl-server2", "clu-b");
    }
}
