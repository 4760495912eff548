package dev.berth.haproxy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;

public class ProxySettingsTest {

    @Test
    public void parsesStaticRoutes() {
        List<IngressRoute> routes = ProxySettings.parseRoutes(new String[] {
            "a.test=10.0.0.1:80,[fd00::1]:8080; b.test/api=b-svc:9000", " "});
        assertEquals(List.of(IngressRoute.of("a.test", "", List.of(new BackendServer("10.0.0.1", 80),
                new BackendServer("fd00::1", 8080))), IngressRoute.of("b.test", "/api",
                List.of(new BackendServer("b-svc", 9000)))), routes);
    }

    @Test
    public void badStaticRoutesNameTheRoute() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxySettings.parseRoutes(new String[] {"a.test=10.0.0.1"}));
        assertTrue(e.getMessage(), e.getMessage().contains("'a.test=10.0.0.1'") && e.getMessage().contains("address:port"));
        assertThrows(IllegalArgumentException.class, () -> ProxySettings.parseRoutes(new String[] {"a.test"}));
        assertThrows(IllegalArgumentException.class, () -> ProxySettings.parseRoutes(new String[] {"a.test=fd00::1:80"}));
    }

    @Test
    public void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> TestSettings.of(Path.of("run"), 443, 80, 0, List.of(), true));
        assertThrows(IllegalArgumentException.class, () -> TestSettings.of(Path.of("/run"), 0, 80, 0, List.of(), true));
        assertThrows(IllegalArgumentException.class, () -> TestSettings.of(Path.of("/run"), 443, 80, -1, List.of(), true));
    }

    @Test
    public void backendServerText() {
        assertEquals("[fd00::1]:80", BackendServer.parse("[fd00::1]:80").toString());
        assertEquals("host.test:1", BackendServer.parse(" host.test:1 ").toString());
        assertThrows(IllegalArgumentException.class, () -> BackendServer.parse("a b:80"));
        assertThrows(IllegalArgumentException.class, () -> BackendServer.parse("a:0"));
    }
}
