package dev.berth.haproxy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.berth.docker.api.Container;
import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.RouteProblem;

public class RouteLabelsTest {

    private static final Map<String, Container.Attachment> NETWORKS = Map.of(
            "front", new Container.Attachment("n1", "e1", "172.20.0.5/16", "", List.of()),
            "back", new Container.Attachment("n2", "e2", "", "fd00::9", List.of()));

    private static Container container(boolean running, String... labels) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new Container("c0ffee", "web", map, "front", running, NETWORKS);
    }

    private static RouteLabels.Result read(String network, Container c) {
        return new RouteLabels(network).read(c);
    }

    @Test
    public void readsAFullRoute() {
        RouteLabels.Result r = read("", container(true, "berth.http.host", "App.Example.internal, www.example.internal",
                "berth.http.port", "8080", "berth.http.path", "/api/", "berth.http.tls", "app-cert",
                "berth.http.health", "/healthz", "berth.http.network", "front", "other", "x"));
        assertEquals(List.of(), r.problems());
        assertEquals(new IngressRoute(List.of("app.example.internal", "www.example.internal"), "/api",
                List.of(new BackendServer("172.20.0.5", 8080)), "app-cert", "/healthz", "container:web"), r.route().get());
    }

    @Test
    public void defaultsAndNetworkChoice() {
        IngressRoute r = read("", container(true, "berth.http.host", "a.test", "berth.http.port", "80")).route().get();
        assertEquals("ingress.a.test", r.certificateSet());
        assertEquals("", r.pathPrefix());
        // Networks by name: "back" comes first and has only IPv6.
        assertEquals(List.of(new BackendServer("fd00::9", 80)), r.servers());
        IngressRoute front = read("front", container(true, "berth.http.host", "a.test", "berth.http.port", "80"))
                .route().get();
        assertEquals(List.of(new BackendServer("172.20.0.5", 80)), front.servers());
    }

    @Test
    public void containersWithoutLabelsOrNotRunningGiveNothing() {
        assertTrue(read("", container(true, "com.example", "1")).route().isEmpty());
        RouteLabels.Result stopped = read("", container(false, "berth.http.host", "a.test", "berth.http.port", "80"));
        assertTrue(stopped.route().isEmpty());
        assertEquals(List.of(), stopped.problems());
    }

    @Test
    public void badLabelsAreReportedAndSkipTheRoute() {
        assertProblem(container(true, "berth.http.port", "80"), "berth.http.host", "required");
        assertProblem(container(true, "berth.http.host", "a.test"), "berth.http.port", "required");
        assertProblem(container(true, "berth.http.host", "a.test", "berth.http.port", "http"), "berth.http.port",
                "1 to 65535");
        assertProblem(container(true, "berth.http.host", "a.test", "berth.http.port", "70000"), "berth.http.port",
                "1 to 65535");
        assertProblem(container(true, "berth.http.host", "a_b.test", "berth.http.port", "80"), "berth.http.host",
                "not a host name");
        assertProblem(container(true, "berth.http.host", "a.test", "berth.http.port", "80", "berth.http.path", "api"),
                "berth.http.path", "must start with '/'");
        assertProblem(container(true, "berth.http.host", "a.test", "berth.http.port", "80", "berth.http.tls", "Bad Set"),
                "berth.http.tls", "certificate set");
        assertProblem(container(true, "berth.http.host", "a.test", "berth.http.port", "80", "berth.http.prot", "81"),
                "berth.http.prot", "unknown label");
        assertProblem(container(true, "berth.http.host", "a.test", "berth.http.port", "80", "berth.http.network", "x"),
                "berth.http.network", "not attached");
    }

    @Test
    public void aNamedNetworkWithoutAddressIsReported() {
        Container c = new Container("c1", "web", Map.of("berth.http.host", "a.test", "berth.http.port", "80",
                "berth.http.network", "empty"), "front", true, Map.of("empty",
                new Container.Attachment("n3", "", "", "", List.of()), "front", NETWORKS.get("front")));
        RouteLabels.Result r = new RouteLabels("").read(c);
        assertTrue(r.route().isEmpty());
        assertEquals("berth.http.network", r.problems().get(0).label());
    }

    @Test
    public void aContainerWithoutAddressIsReported() {
        Container none = new Container("c1", "lonely", Map.of("berth.http.host", "a.test", "berth.http.port", "80"),
                "none", true, Map.of());
        RouteLabels.Result r = new RouteLabels("").read(none);
        assertTrue(r.route().isEmpty());
        assertTrue(r.problems().get(0).message(), r.problems().get(0).message().contains("no IP address"));
    }

    private static void assertProblem(Container c, String label, String text) {
        RouteLabels.Result r = read("", c);
        assertTrue("no route for " + c.labels(), r.route().isEmpty());
        assertEquals(r.problems().toString(), 1, r.problems().size());
        RouteProblem p = r.problems().get(0);
        assertEquals("container:web", p.source());
        assertEquals(label, p.label());
        assertTrue(p.message(), p.message().contains(text));
    }
}
