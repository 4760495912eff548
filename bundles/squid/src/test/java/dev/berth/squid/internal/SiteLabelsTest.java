package dev.berth.squid.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.berth.docker.api.Container;
import dev.berth.haproxy.api.RouteProblem;

public class SiteLabelsTest {

    private static final Map<String, Container.Attachment> NETWORKS = Map.of(
            "front", new Container.Attachment("n1", "e1", "10.1.0.5/24", "", List.of()),
            "back", new Container.Attachment("n2", "e2", "", "fd00::7/64", List.of()));

    private static Container container(String name, boolean running, Map<String, String> labels) {
        return new Container("id-" + name, name, labels, "front", running, NETWORKS);
    }

    private static PublishedSites read(String preferred, Container... containers) {
        return new SiteLabels(preferred).read(List.of(containers));
    }

    @Test
    public void publishesHostsPortAndTheAddressOnTheChosenNetwork() {
        PublishedSites s = read("front", container("web", true, Map.of("berth.waf.host", " WWW.Example.test, example.test",
                "berth.waf.port", "8080", "other.label", "x")),
                container("api", true, Map.of("berth.waf.host", "api.example.test", "berth.waf.port", "80",
                        "berth.waf.network", "back")),
                container("plain", true, Map.of("berth.http.host", "x.test")));
        assertEquals(List.of(), s.problems());
        assertEquals(List.of(new PublishedSite(List.of("api.example.test"), "fd00:0:0:0:0:0:0:7", 80, "container:api"),
                new PublishedSite(List.of("www.example.test", "example.test"), "10.1.0.5", 8080, "container:web")),
                s.sites());
        assertEquals("[fd00:0:0:0:0:0:0:7]:80", s.sites().get(0).backend());
        // Without a preferred network: the first network (by name) with an address.
        assertEquals("fd00:0:0:0:0:0:0:7", read("", container("web", true, Map.of("berth.waf.host", "a.test",
                "berth.waf.port", "80"))).sites().get(0).address());
    }

    @Test
    public void wrongLabelsAreReportedAndOnlyThatContainerIsLeftOut() {
        PublishedSites s = read("", container("good", true, Map.of("berth.waf.host", "good.test", "berth.waf.port", "80")),
                container("a", true, Map.of("berth.waf.port", "80")),
                container("b", true, Map.of("berth.waf.host", "bad_name.test", "berth.waf.port", "70000")),
                container("c", true, Map.of("berth.waf.host", "c.test", "berth.waf.port", "80", "berth.waf.path", "/")),
                container("d", true, Map.of("berth.waf.host", "d.test", "berth.waf.port", "80",
                        "berth.waf.network", "elsewhere")),
                container("e", true, Map.of("berth.waf.host", "e.test; http_access allow all", "berth.waf.port", "80")),
                container("stopped", false, Map.of("berth.waf.host", "s.test", "berth.waf.port", "80")));
        assertEquals(1, s.sites().size());
        assertEquals("container:good", s.sites().get(0).origin());
        List<String> problems = s.problems().stream().map(RouteProblem::toString).toList();
        assertEquals(problems.toString(), 6, problems.size());
        assertTrue(problems.get(0), problems.get(0).startsWith("container:a: berth.waf.host=: required"));
        assertTrue(problems.get(1), problems.get(1).startsWith("container:b: berth.waf.host=bad_name.test: not a host"));
        assertTrue(problems.get(2), problems.get(2).startsWith("container:b: berth.waf.port=70000: must be a port"));
        assertTrue(problems.get(3), problems.get(3).startsWith("container:c: berth.waf.path=/: unknown label"));
        assertTrue(problems.get(4), problems.get(4).contains("elsewhere: the container has no IP address on that "
                + "network; it is on back, front"));
        assertTrue(problems.get(5), problems.get(5).startsWith("container:e: berth.waf.host="));
    }

    @Test
    public void aContainerWithoutAnAddressIsReported() {
        Container none = new Container("id", "isolated", Map.of("berth.waf.host", "i.test", "berth.waf.port", "80"),
                "none", true, Map.of());
        PublishedSites s = new SiteLabels("").read(List.of(none));
        assertEquals(List.of(), s.sites());
        assertEquals("container:isolated: the container has no IP address to forward to (network mode none)",
                s.problems().get(0).toString());
    }
}
