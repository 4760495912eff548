package dev.berth.haproxy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;

public class RuntimeUpdatesTest {

    private final ConfigRenderer renderer = new ConfigRenderer(TestSettings.of(Path.of("/run/berth"), 443, 80, 0,
            List.of(), true));
    private final Map<String, Path> files = Map.of("ingress.a.test", Path.of("/run/berth/haproxy/certs/a.pem"));

    private String render(String... servers) {
        return renderer.render(List.of(IngressRoute.of("a.test", "", List.of(servers).stream()
                .map(BackendServer::parse).toList())), files);
    }

    @Test
    public void newServerAddressesAreSetServerCommands() {
        assertEquals(Optional.of(List.of("set server route_a.test/s2 addr fd00::9 port 81")),
                RuntimeUpdates.between(render("10.0.0.1:80", "[fd00::8]:80"), render("10.0.0.1:80", "[fd00::9]:81")));
        assertEquals(Optional.of(List.of()), RuntimeUpdates.between(render("10.0.0.1:80"), render("10.0.0.1:80")));
    }

    @Test
    public void otherChangesNeedAReload() {
        assertTrue(RuntimeUpdates.between(render("10.0.0.1:80"), render("10.0.0.1:80", "10.0.0.2:80")).isEmpty());
        assertTrue(RuntimeUpdates.between(render("10.0.0.1:80"), render("web.test:80")).isEmpty());
        assertTrue(RuntimeUpdates.between(render("10.0.0.1:80"), render("10.0.0.1:80").replace("timeout queue 30s",
                "timeout queue 31s")).isEmpty());
    }
}
