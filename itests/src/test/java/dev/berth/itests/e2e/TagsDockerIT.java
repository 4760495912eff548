package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
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
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.OutsideHost;
import dev.berth.itests.support.Docker;
import dev.berth.itests.support.DockerDaemon;

/**
 * A three-tier stack wired by labels alone, no --network flag: proxy (egress web), app (ingress web, egress db),
 * db (ingress db), plus a second proxy and app for the egress-to-egress and ingress-to-ingress cells. Every cell
 * of the policy matrix is checked with real HTTP requests over IPv4 and IPv6, before and after Berth is killed
 * and restarted, and a container created while Berth was down is attached once it is back.
 */
public class TagsDockerIT {

    private static final List<String> CONTAINERS = List.of("tg-proxy", "tg-proxy2", "tg-app", "tg-app2", "tg-db",
            "tg-late", "tg-bad", "tg-exit");
    private static final List<String> NETWORKS = List.of("tg-web", "tg-dbnet", "tg-out");

    private static DockerDaemon dockerd;
    private static Docker docker;
    private static BerthInstance berth;

    @BeforeClass
    public static void start() throws Exception {
        // a stock Docker install: containers run without --network land on the default bridge, from which Berth
        // moves them to the networks their tags select
        dockerd = DockerDaemon.start("tags", "198.19.251.1/24");
        docker = dockerd.cli();
        berth = BerthInstance.create("tags-docker");
        berth.env("BERTH_DOCKER_SOCKET", dockerd.socket().toString()).start();
        // what an interrupted earlier run left: berth networks can only be removed while the plugin answers
        docker.cleanUp(CONTAINERS, NETWORKS);
        docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "--ipv6", "-o", "berth.tags=web",
                "tg-web").ok();
        docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "--ipv6", "-o", "berth.tags=db",
                "tg-dbnet").ok();
        Path www = Files.createTempDirectory("berth-tags-www");
        Files.writeString(www.resolve("index.html"), "ok\n");
        serve("tg-proxy", www, "berth.egress=web");
        serve("tg-proxy2", www, "berth.egress=web");
        serve("tg-app", www, "berth.ingress=web", "berth.egress=db");
        serve("tg-app2", www, "berth.ingress=web");
        serve("tg-db", www, "berth.ingress=db");
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

    private static void serve(String name, Path www, String... labels) {
        List<String> options = new java.util.ArrayList<>();
        for (String l : labels) {
            options.add("-l");
            options.add(l);
        }
        docker.httpd(name, www, options.toArray(new String[0]));
    }

    private static String address(String container, String network, boolean v6) {
        return Deadline.await(container + " attached to " + network, Duration.ofSeconds(30),
                () -> docker.docker("inspect", "-f", "{{with index .NetworkSettings.Networks \"" + network + "\"}}"
                        + (v6 ? "{{.GlobalIPv6Address}}" : "{{.IPAddress}}") + "{{end}}", container).out().trim(),
                a -> !a.isEmpty() && !a.equals("<no value>"));
    }

    /** An HTTP request with busybox nc (busybox's static wget crashes on this machine). */
    private static boolean get(String from, String to, String network, boolean v6) {
        String a = address(to, network, v6);
        return docker.docker("exec", from, "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + a + " 80")
                .out().contains("200 OK");
    }

    /** Waits for a cell that must pass (roles land just after the container starts), then checks it holds. */
    private static void passes(String from, String to, String network) {
        for (boolean v6 : new boolean[] {false, true}) {
            Deadline.await(from + " -> " + to + (v6 ? " over IPv6" : " over IPv4") + " to pass", Duration.ofSeconds(30),
                    () -> get(from, to, network, v6), ok -> ok);
        }
    }

    private static void refused(String from, String to, String network) {
        for (boolean v6 : new boolean[] {false, true}) {
            assertTrue(from + " -> " + to + (v6 ? " over IPv6" : " over IPv4") + " must be refused",
                    !get(from, to, network, v6));
        }
    }

    private static void matrixHolds() {
        passes("tg-proxy", "tg-app", "tg-web");   // egress -> ingress on web
        passes("tg-app", "tg-db", "tg-dbnet");    // egress -> ingress on db
        refused("tg-app", "tg-proxy", "tg-web");  // ingress -> egress
        refused("tg-db", "tg-app", "tg-dbnet");   // ingress -> egress
        refused("tg-proxy", "tg-proxy2", "tg-web"); // egress -> egress
        refused("tg-app", "tg-app2", "tg-web");   // ingress -> ingress
        // the proxy and the database share no network: there is nowhere to send to
        String networks = Deadline.await("tg-proxy only on tg-web", Duration.ofSeconds(30), () -> docker.docker("inspect",
                "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "tg-proxy").ok(),
                n -> n.trim().equals("tg-web"));
        assertEquals("tg-web", networks.trim());
        String db = address("tg-db", "tg-dbnet", false);
        assertTrue("proxy -> db must be refused", !docker.docker("exec", "tg-proxy", "sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + db + " 80").out().contains("200 OK"));
    }

    @Test
    public void onlyTheEgressTagOfANatNetworkGivesAWayOut() throws Exception {
        try (OutsideHost outside = OutsideHost.create()) {
            docker.docker("network", "create", "-d", "berth", "--ipam-driver", "berth", "--ipv6", "-o", "berth.tags=out",
                    "-o", "berth.egress=nat", "tg-out").ok();
            Path www = Files.createTempDirectory("berth-tags-exit");
            serve("tg-exit", www, "berth.egress=out");
            address("tg-exit", "tg-out", false);
            for (String target : List.of(OutsideHost.IPV4, OutsideHost.IPV6)) {
                Deadline.await("tg-exit reaches " + target + " through the NAT network", Duration.ofSeconds(30),
                        () -> docker.ping("tg-exit", target), ok -> ok);
                assertFalse("tg-proxy has no egress tag for the way out: " + target, docker.ping("tg-proxy", target));
                assertFalse("nor has tg-db: " + target, docker.ping("tg-db", target));
            }
        }
    }

    @Test
    public void labelsAloneWireTheStackAndTheDirectionHoldsAcrossARestart() throws Exception {
        matrixHolds();
        String explain = berth.script("berth-shell", "tag:explain tg-app tg-proxy").ok();
        assertTrue(explain, explain.contains("refused"));
        assertTrue(berth.script("berth-shell", "tag:explain tg-proxy tg-app").ok().contains("allowed: tg-proxy has egress tag web"));

        berth.kill();
        // a container that comes while Berth is down is attached when it is back
        Path www = Files.createTempDirectory("berth-tags-late");
        Files.writeString(www.resolve("index.html"), "ok\n");
        serve("tg-late", www, "berth.egress=web");
        serve("tg-bad", www, "berth.egress=nowhere");
        berth.start();
        matrixHolds();
        passes("tg-late", "tg-app", "tg-web");
        refused("tg-app", "tg-late", "tg-web");

        String problems = Deadline.await("the bad tag reported", Duration.ofSeconds(30),
                () -> berth.script("berth-shell", "tag:problems").out(), out -> out.contains("tg-bad"));
        assertTrue(problems, problems.contains("tag nowhere selects no network"));
        String list = berth.script("berth-shell", "tag:list").ok();
        assertTrue(list, list.contains("tg-web") && list.contains("tg-proxy"));
    }
}
