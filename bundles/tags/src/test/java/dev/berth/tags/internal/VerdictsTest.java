package dev.berth.tags.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.berth.tags.api.Verdict;

/** The policy matrix of docs/tags.md, cell by cell, and label parsing. */
public class VerdictsTest {

    static TagLabels labels(String egress, String ingress) {
        Map<String, String> m = new LinkedHashMap<>();
        if (egress != null) {
            m.put("berth.egress", egress);
        }
        if (ingress != null) {
            m.put("berth.ingress", ingress);
        }
        return TagLabels.of(m);
    }

    static final Map<String, List<String>> WEB = Map.of("web", List.of("web"));

    @Test
    public void egressToIngressPasses() {
        Verdict v = Verdicts.decide("proxy", labels("web", null), "app", labels(null, "web"), WEB);
        assertTrue(v.reason(), v.allowed());
        assertEquals("allowed: proxy has egress tag web, app has ingress tag web, and both are on network web",
                v.reason());
    }

    @Test
    public void ingressToEgressIsRefused() {
        Verdict v = Verdicts.decide("app", labels(null, "web"), "proxy", labels("web", null), WEB);
        assertFalse(v.allowed());
        assertTrue(v.reason(), v.reason().contains("app has egress none and proxy has ingress none"));
    }

    @Test
    public void egressToEgressAndIngressToIngressAreRefused() {
        assertFalse(Verdicts.decide("p1", labels("web", null), "p2", labels("web", null), WEB).allowed());
        assertFalse(Verdicts.decide("a1", labels(null, "web"), "a2", labels(null, "web"), WEB).allowed());
    }

    @Test
    public void aContainerWithBothRolesTalksBothWays() {
        assertTrue(Verdicts.decide("x", labels("web", "web"), "app", labels(null, "web"), WEB).allowed());
        assertTrue(Verdicts.decide("proxy", labels("web", null), "x", labels("web", "web"), WEB).allowed());
    }

    @Test
    public void differentTagsOrNoSharedNetworkAreRefusedAndUntaggedNetworksAllow() {
        assertFalse(Verdicts.decide("proxy", labels("web", null), "db", labels(null, "db"),
                Map.of("web", List.of("web"))).allowed());
        Verdict none = Verdicts.decide("proxy", labels("web", null), "db", labels(null, "db"), Map.of());
        assertEquals("refused: proxy and db share no network", none.reason());
        assertTrue(Verdicts.decide("a", labels(null, null), "b", labels(null, null), Map.of("plain", List.of()))
                .allowed());
    }

    @Test
    public void labelsAreParsedAndBadTagsReported() {
        TagLabels t = TagLabels.of(Map.of("berth.egress", "web, db,,Bad Tag", "berth.ingress", "api",
                "berth.egres", "x"));
        assertEquals(java.util.Set.of("web", "db"), t.egress());
        assertEquals(java.util.Set.of("api"), t.ingress());
        assertTrue(t.problems().toString(), t.problems().stream().anyMatch(p -> p.contains("'Bad Tag' is not a tag")));
        assertTrue(t.problems().toString(), t.problems().stream().anyMatch(p -> p.contains("berth.egres is not a Berth label")));
    }
}
