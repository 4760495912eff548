package dev.berth.frr.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.berth.frr.api.BgpPeer;
import dev.berth.frr.api.BgpRoute;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.NetworkInfo;
import dev.berth.testing.Deadline;

/**
 * Two nodes, each a network namespace of the test's own joined by a veth pair (198.18.250.0/24, fd00:fa::/64), each
 * running the real FRR under its own {@link BgpController} and directory, each with "Berth networks" on bridges.
 * Skipped when FRR is missing, unless {@code -Dberth.test.require.frr=true}.
 */
public class RealFrrTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 198.19.0.0/16 and fd00::/16, which hold every network of the tests. */
    private static final RoutingPlan PLAN = TestFrr.plan();

    private final String tag = Long.toString(ProcessHandle.current().pid() % 100000, 36);
    private final String nsA = "bfrt-a-" + tag;
    private final String nsB = "bfrt-b-" + tag;
    private final List<String> namespaces = new ArrayList<>();
    private final List<BgpController> controllers = new ArrayList<>();
    private Path root;
    private BgpController a;
    private BgpController b;

    @Before
    public void setUp() throws Exception {
        TestFrr.assumeFrr();
        root = Files.createTempDirectory("berth-frr-test");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String ns : List.of(nsA, nsB)) {
            ip("netns", "add", ns);
            namespaces.add(ns);
            ip("-n", ns, "link", "set", "lo", "up");
        }
        ip("link", "add", "bfrt-a", "netns", nsA, "type", "veth", "peer", "name", "bfrt-b", "netns", nsB);
        address(nsA, "bfrt-a", "198.18.250.1/24", "fd00:fa::1/64");
        address(nsB, "bfrt-b", "198.18.250.2/24", "fd00:fa::2/64");
        bridge(nsA, "bn0", "198.19.1.1/24", "fd00:a1::1/64");
        bridge(nsB, "bn0", "198.19.2.1/24", "fd00:b2::1/64");
        bridge(nsB, "bn1", "198.19.3.1/24");
        a = controller(nsA, "198.18.250.1", "198.18.250.2", "fd00:fa::2");
        b = controller(nsB, "198.18.250.2", "198.18.250.1", "fd00:fa::1");
    }

    @After
    public void tearDown() throws Exception {
        for (BgpController c : controllers) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
        for (String ns : namespaces) {
            run(List.of("ip", "netns", "del", ns));
        }
        if (root != null) {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void nodesExchangeTheirNetworksOverIbgpAndFollowChangesWithoutResettingSessions() throws Exception {
        NetworkInfo a1 = FrrConfigRendererTest.network("a1", false, "198.19.1.0/24", "fd00:a1::/64");
        NetworkInfo b1 = FrrConfigRendererTest.network("b1", false, "198.19.2.0/24", "fd00:b2::/64");
        NetworkInfo b2 = FrrConfigRendererTest.network("b2", false, "198.19.3.0/24");
        a.announce(List.of(a1), PLAN);
        b.announce(List.of(b1, b2), PLAN);
        assertTrue(a.status().running());
        assertTrue(a.status().pids(), a.status().pids().matches("zebra=\\d+ bgpd=\\d+"));

        for (BgpController c : List.of(a, b)) {
            Deadline.await("four Established sessions", WAIT, () -> c.peers(),
                    peers -> peers.size() == 2 && peers.stream().allMatch(BgpPeer::established));
        }

        // the kernel of each node routes the other's prefixes via the peer
        Deadline.await("A's routes to B's networks", WAIT, () -> ip("-n", nsA, "route", "show", "proto", "bgp"),
                r -> r.contains("198.19.2.0/24") && r.contains("198.19.3.0/24") && r.contains("via 198.18.250.2"));
        Deadline.await("A's IPv6 route to B's network", WAIT, () -> ip("-n", nsA, "-6", "route", "show", "proto",
                "bgp"), r -> r.contains("fd00:b2::/64") && r.contains("dev bfrt-a"));
        Deadline.await("B's routes to A's networks", WAIT, () -> ip("-n", nsB, "route", "show", "proto", "bgp") + ip(
                "-n", nsB, "-6", "route", "show", "proto", "bgp"), r -> r.contains("198.19.1.0/24 nhid")
                        && r.contains("via 198.18.250.1") && r.contains("fd00:a1::/64"));
        assertFalse(ip("-n", nsA, "route", "show", "proto", "bgp").contains("198.19.1.0"));

        // traffic between the networks, from one node's network address to the other's
        ping(nsA, "198.19.1.1", "198.19.2.1");
        ping(nsA, "fd00:a1::1", "fd00:b2::1");
        ping(nsB, "198.19.3.1", "198.19.1.1");

        // bgpd's view through the controller
        Map<IpPrefix, BgpRoute> routes = a.routes().stream().filter(BgpRoute::best)
                .collect(Collectors.toMap(BgpRoute::prefix, Function.identity()));
        assertTrue(routes.toString(), routes.get(IpPrefix.parse("198.19.1.0/24")).local());
        assertEquals("198.18.250.2", routes.get(IpPrefix.parse("198.19.2.0/24")).nextHop());
        assertEquals("198.18.250.2", routes.get(IpPrefix.parse("198.19.2.0/24")).peer());
        assertEquals("fd00:fa::2", routes.get(IpPrefix.parse("fd00:b2::/64")).nextHop());
        BgpPeer v4 = a.peers().get(0);
        assertEquals("198.18.250.2", v4.address());
        assertEquals(2, v4.prefixesReceived());
        assertEquals(1, v4.prefixesSent());
        Map<String, Long> established = sessions();

        // B's second network goes: its route is withdrawn from A, the sessions stay
        String hashBefore = b.status().configHash();
        b.announce(List.of(b1), PLAN);
        assertFalse(hashBefore.equals(b.status().configHash()));
        Deadline.await("the withdrawal of 198.19.3.0/24 on A", WAIT, () -> ip("-n", nsA, "route", "show", "proto",
                "bgp"), r -> !r.contains("198.19.3.0/24") && r.contains("198.19.2.0/24"));
        Deadline.await("one IPv4 prefix received by A", WAIT, () -> a.peers().get(0).prefixesReceived(),
                n -> n == 1);

        // A gets a new network: announced to B, applied as a delta
        bridge(nsA, "bn1", "198.19.4.1/24", "fd00:a4::1/64");
        a.announce(List.of(a1, FrrConfigRendererTest.network("a2", false, "198.19.4.0/24", "fd00:a4::/64")), PLAN);
        Deadline.await("B's route to A's new network", WAIT, () -> ip("-n", nsB, "route", "show", "proto", "bgp")
                + ip("-n", nsB, "-6", "route", "show", "proto", "bgp"), r -> r.contains("198.19.4.0/24 nhid")
                        && r.contains("fd00:a4::/64"));
        ping(nsB, "198.19.2.1", "198.19.4.1");

        // the same input again changes nothing
        String hash = a.status().configHash();
        java.time.Instant applied = a.status().lastApplied();
        a.announce(List.of(a1, FrrConfigRendererTest.network("a2", false, "198.19.4.0/24", "fd00:a4::/64")), PLAN);
        assertEquals(hash, a.status().configHash());
        assertEquals(applied, a.status().lastApplied());

        assertEquals("no session was reset by the changes", established, sessions());
        for (BgpController c : List.of(a, b)) {
            for (BgpPeer p : c.peers()) {
                assertTrue(p.toString(), p.established());
                assertEquals(p.toString(), 0, p.connectionsDropped());
            }
        }

        // stopping a node's FRR takes its routes out of its kernel and ends the daemons
        String pids = b.status().pids();
        b.stop();
        assertFalse(b.status().running());
        for (String pid : pids.replaceAll("[a-z]+=", "").split(" ")) {
            assertFalse("daemon " + pid + " still runs", ProcessHandle.of(Long.parseLong(pid))
                    .map(ProcessHandle::isAlive).orElse(false));
        }
        Deadline.await("B's BGP routes gone with its zebra", WAIT, () -> ip("-n", nsB, "route", "show", "proto",
                "bgp"), String::isBlank);
    }

    @Test
    public void peersInstallOnlyThePlansPrefixesAndOneRoutePerNodeBlock() throws Exception {
        // A: two networks in its block 198.19.16.0/20 (one also in its block fd00:a1::/48), one in no block
        bridge(nsA, "bn1", "198.19.16.1/24", "fd00:a1:0:1::1/64");
        bridge(nsA, "bn2", "198.19.17.1/24");
        List<NetworkInfo> onA = List.of(FrrConfigRendererTest.network("a1", false, "198.19.1.0/24", "fd00:a1::/64"),
                FrrConfigRendererTest.network("a16", false, "198.19.16.0/24", "fd00:a1:0:1::/64"),
                FrrConfigRendererTest.network("a17", false, "198.19.17.0/24"));
        // B: two networks in the plan, and what it must not get into A: prefixes outside the plan, one too long, and
        // default routes (a blackhole in B's own namespace; no traffic is sent to them)
        bridge(nsB, "bn2", "203.0.113.1/24", "2001:db8:b::1/64");
        bridge(nsB, "bn3", "198.19.5.1/25");
        ip("-n", nsB, "route", "add", "blackhole", "default");
        ip("-n", nsB, "-6", "route", "add", "blackhole", "default");
        a.announce(onA, RoutingPlan.UNKNOWN);
        b.announce(List.of(FrrConfigRendererTest.network("b1", false, "198.19.2.0/24", "fd00:b2::/64"),
                FrrConfigRendererTest.network("b2", false, "198.19.3.0/24"),
                FrrConfigRendererTest.network("bad", false, "203.0.113.0/24", "2001:db8:b::/64", "198.19.5.0/25")),
                PLAN);
        b.apply(b.renderedConfig().replace("  network 198.19.2.0/24\n", "  network 0.0.0.0/0\n  network 198.19.2.0/24\n")
                .replace("  network 2001:db8:b::/64\n", "  network ::/0\n  network 2001:db8:b::/64\n"));
        Deadline.await("B sending A its five IPv4 and three IPv6 prefixes", WAIT, () -> b.peers(),
                p -> p.size() == 2 && p.get(0).prefixesSent() == 5 && p.get(1).prefixesSent() == 3);

        // A never read a plan: it takes nothing
        awaitUpdatesReceived();
        assertEquals(0, a.peers().get(0).prefixesReceived());
        assertEquals(0, a.peers().get(1).prefixesReceived());
        assertEquals("", ip("-n", nsA, "route", "show", "proto", "bgp") + ip("-n", nsA, "-6", "route", "show",
                "proto", "bgp"));
        assertTrue(a.status().problems().toString(), a.status().problems().contains(
                "the IPAM's address plan is not known yet: every route from peers is refused"));

        // the plan arrives (with A's blocks): B's prefixes inside it are installed, without resetting a session
        a.announce(onA, TestFrr.plan("198.19.16.0/20", "fd00:a1::/48", "198.19.32.0/20"));
        Deadline.await("A's routes to B's networks of the plan", WAIT, () -> ip("-n", nsA, "route", "show", "proto",
                "bgp") + ip("-n", nsA, "-6", "route", "show", "proto", "bgp"), r -> r.contains("198.19.2.0/24 nhid")
                        && r.contains("198.19.3.0/24 nhid") && r.contains("fd00:b2::/64"));
        awaitUpdatesReceived();
        String onKernelA = ip("-n", nsA, "route", "show", "proto", "bgp") + ip("-n", nsA, "-6", "route", "show",
                "proto", "bgp");
        for (String refused : List.of("203.0.113.", "198.19.5.", "default", "2001:db8")) {
            assertFalse(refused + " installed on A: " + onKernelA, onKernelA.contains(refused));
        }
        assertEquals(2, a.peers().get(0).prefixesReceived());
        assertEquals(1, a.peers().get(1).prefixesReceived());
        for (BgpPeer p : a.peers()) {
            assertEquals(p.toString(), 0, p.connectionsDropped());
        }

        // B installs one route per block of A, and A's network outside its blocks as it is
        List<String> suppressed = List.of("198.19.16.0/24", "198.19.17.0/24", "fd00:a1::/64", "fd00:a1:0:1::/64",
                "198.19.32.0");
        Deadline.await("B's routes to A's blocks, and none to the networks inside them", WAIT, () -> ip("-n", nsB,
                "route", "show", "proto", "bgp") + ip("-n", nsB, "-6", "route", "show", "proto", "bgp"),
                r -> r.contains("198.19.16.0/20 nhid") && r.contains("198.19.1.0/24 nhid") && r.contains("fd00:a1::/48")
                        && suppressed.stream().noneMatch(r::contains));
        Deadline.await("B receiving two IPv4 and one IPv6 prefix from A", WAIT, () -> b.peers(),
                p -> p.get(0).prefixesReceived() == 2 && p.get(1).prefixesReceived() == 1);
        Map<IpPrefix, BgpRoute> routes = b.routes().stream().filter(BgpRoute::best)
                .collect(Collectors.toMap(BgpRoute::prefix, Function.identity()));
        assertEquals("198.18.250.1", routes.get(IpPrefix.parse("198.19.16.0/20")).nextHop());
        assertFalse(routes.toString(), routes.containsKey(IpPrefix.parse("198.19.17.0/24")));

        // traffic to networks inside the blocks takes the block's route, and to the one outside its own route
        ping(nsB, "198.19.2.1", "198.19.17.1");
        ping(nsB, "198.19.3.1", "198.19.16.1");
        ping(nsB, "fd00:b2::1", "fd00:a1:0:1::1");
        ping(nsB, "fd00:b2::1", "fd00:a1::1");
        ping(nsA, "198.19.1.1", "198.19.2.1");
    }

    /** Waits until A has read every UPDATE B sent it, on both sessions. */
    private void awaitUpdatesReceived() throws Exception {
        for (String[] session : List.of(new String[] {"198.18.250.2", "198.18.250.1"},
                new String[] {"fd00:fa::2", "fd00:fa::1"})) {
            Deadline.await("A reading B's updates on " + session[0], WAIT,
                    () -> updates(a, session[0], "updatesRecv") >= updates(b, session[1], "updatesSent"), ok -> ok);
        }
    }

    private static long updates(BgpController c, String peer, String counter) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + counter + "\":(\\d+)")
                .matcher(c.show("show bgp neighbors " + peer + " json"));
        if (!m.find()) {
            throw new IOException("no " + counter + " for " + peer);
        }
        return Long.parseLong(m.group(1));
    }

    @Test
    public void aConfigurationFrrRefusesIsNotWrittenAndTheRunningOneStays() throws Exception {
        a.announce(List.of(FrrConfigRendererTest.network("a1", false, "198.19.1.0/24")), PLAN);
        b.announce(List.of(FrrConfigRendererTest.network("b1", false, "198.19.2.0/24")), PLAN);
        Path conf = root.resolve(nsA).resolve("frr/frr.conf");
        String before = Files.readString(conf);
        String hash = a.status().configHash();
        try {
            a.apply(before.replace("router bgp 64512", "router bgp 4294967296"));
            fail("FRR took an ASN beyond 32 bits");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("FRR refused the configuration (vtysh -C): "));
            assertTrue(e.getMessage(), e.getMessage().contains("router bgp 4294967296"));
            assertEquals(e.getMessage(), a.status().lastError());
        }
        assertEquals(before, Files.readString(conf));
        assertFalse(Files.exists(conf.resolveSibling("frr.conf.new")));
        assertEquals(hash, a.status().configHash());
        assertTrue(a.show("show running-config").contains("router bgp 64512"));
        Deadline.await("A's route to B's network, still", WAIT, () -> ip("-n", nsA, "route", "show", "proto", "bgp"),
                r -> r.contains("198.19.2.0/24"));

        // a daemon that dies is reported, and the next announce starts FRR again
        String pids = a.status().pids();
        long bgpd = Long.parseLong(pids.replaceAll(".*bgpd=(\\d+).*", "$1"));
        ProcessHandle.of(bgpd).orElseThrow().destroyForcibly();
        Deadline.await("A's death noticed", WAIT, () -> a.status(), s -> !s.running()
                && s.lastError().startsWith("FRR bgpd (PID " + bgpd + ") exited"));
        a.announce(List.of(FrrConfigRendererTest.network("a1", false, "198.19.1.0/24")), PLAN);
        assertTrue(a.status().running());
        assertFalse(pids.equals(a.status().pids()));
        assertEquals("", a.status().lastError());
        Deadline.await("the session Established again", WAIT, () -> a.peers(), p -> p.get(0).established());
        Deadline.await("A's route to B's network again", WAIT, () -> ip("-n", nsA, "route", "show", "proto", "bgp"),
                r -> r.contains("198.19.2.0/24"));
    }

    @Test
    public void bfdWatchesTheSessionsWhenAsked() throws Exception {
        a.stop();
        b.stop();
        a = controller(nsA, true, "198.18.250.1", "198.18.250.2");
        b = controller(nsB, true, "198.18.250.2", "198.18.250.1");
        a.announce(List.of(FrrConfigRendererTest.network("a1", false, "198.19.1.0/24")), PLAN);
        b.announce(List.of(FrrConfigRendererTest.network("b1", false, "198.19.2.0/24")), PLAN);
        assertTrue(a.status().pids(), a.status().pids().matches("zebra=\\d+ bfdd=\\d+ bgpd=\\d+"));
        Deadline.await("the session Established", WAIT, () -> a.peers(), p -> p.get(0).established());
        Deadline.await("the BFD session up", WAIT, () -> a.show("show bfd peers json"),
                j -> j.contains("\"peer\":\"198.18.250.2\"") && j.contains("\"status\":\"up\""));
    }

    private Map<String, Long> sessions() {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (BgpController c : List.of(a, b)) {
            c.peers().forEach(p -> m.put(c.hashCode() + "/" + p.address(), p.connectionsEstablished()));
        }
        return m;
    }

    private BgpController controller(String ns, String routerId, String... peers) throws IOException {
        return controller(ns, false, routerId, peers);
    }

    private BgpController controller(String ns, boolean bfd, String routerId, String... peers) throws IOException {
        Path dir = root.resolve(ns);
        Files.createDirectories(dir);
        BgpController c = new BgpController(TestFrr.settings(true, 64512, routerId, List.of(peers), "berth-md5-key",
                bfd, dir, ns), Clock.systemUTC());
        controllers.add(c);
        return c;
    }

    private static void address(String ns, String dev, String v4, String v6) throws IOException {
        ip("-n", ns, "addr", "add", v4, "dev", dev);
        ip("-n", ns, "addr", "add", v6, "dev", dev, "nodad");
        ip("-n", ns, "link", "set", dev, "up");
    }

    private static void bridge(String ns, String name, String... addresses) throws IOException {
        ip("-n", ns, "link", "add", name, "type", "bridge");
        for (String a : addresses) {
            if (a.contains(":")) {
                ip("-n", ns, "addr", "add", a, "dev", name, "nodad");
            } else {
                ip("-n", ns, "addr", "add", a, "dev", name);
            }
        }
        ip("-n", ns, "link", "set", name, "up");
    }

    private static void ping(String ns, String from, String to) throws IOException {
        CommandRunner.Result r = run(List.of("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "2", "-I", from, to));
        assertTrue("ping from " + from + " to " + to + " in " + ns + ": " + r.output(), r.ok());
    }

    private static String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        CommandRunner.Result r = run(command);
        if (!r.ok()) {
            throw new IOException(String.join(" ", command) + ": " + r.output());
        }
        return r.output();
    }

    private static CommandRunner.Result run(List<String> command) throws IOException {
        return CommandRunner.run(command, Duration.ofSeconds(10));
    }
}
