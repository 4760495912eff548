package dev.berth.haproxy.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;

public class ConfigRendererTest {

    private static final Path RUN = Path.of("/run/berth");

    static final List<IngressRoute> ROUTES = List.of(
            new IngressRoute(List.of("b.test", "www.b.test"), "", List.of(BackendServer.parse("[fd00::7]:80")), "b-set",
                    "", "container:b"),
            new IngressRoute(List.of("a.test"), "", List.of(BackendServer.parse("10.0.0.5:8080")), "ingress.a.test",
                    "/healthz", IngressRoute.STATIC),
            new IngressRoute(List.of("a.test"), "/api", List.of(BackendServer.parse("10.0.0.6:9000"),
                    BackendServer.parse("10.0.0.7:9000")), "ingress.a.test", "", IngressRoute.STATIC));

    private static final Map<String, Path> FILES = Map.of("ingress.a.test",
            RUN.resolve("haproxy/certs/ingress.a.test.pem"), "b-set", RUN.resolve("haproxy/certs/b-set.pem"));

    @Test
    public void rendersExactly() {
        ProxySettings settings = TestSettings.of(RUN, 8443, 8080, 0, List.of(), true);
        assertEquals("""
                # Rendered by Berth (dev.berth.haproxy); changes here are overwritten.
                global
                    stats socket /run/berth/haproxy/admin.sock mode 600 level admin expose-fd listeners
                    stats timeout 30s
                    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets
                    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:\
                ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:\
                ECDHE-RSA-CHACHA20-POLY1305

                defaults
                    mode http
                    option forwardfor
                    option redispatch
                    retries 2
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    timeout http-request 10s
                    timeout http-keep-alive 10s
                    timeout queue 30s

                frontend https
                    bind 127.0.0.1:8443 ssl crt /run/berth/haproxy/certs/b-set.pem \
                crt /run/berth/haproxy/certs/ingress.a.test.pem alpn h2,http/1.1
                    http-request set-header X-Forwarded-Proto https
                    acl host_0 req.hdr(host),lower,field(1,:) -m str a.test
                    acl host_1 req.hdr(host),lower,field(1,:) -m str a.test
                    acl path_1 path /api
                    acl path_1 path_beg /api/
                    acl host_2 req.hdr(host),lower,field(1,:) -m str b.test www.b.test
                    use_backend route_a.test_api if host_1 path_1
                    use_backend route_a.test if host_0
                    use_backend route_b.test if host_2

                frontend http
                    bind 127.0.0.1:8080
                    http-request redirect scheme https code 301

                backend route_a.test
                    balance roundrobin
                    option httpchk
                    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host a.test
                    http-check expect status 200-399
                    server s1 10.0.0.5:8080 check

                backend route_a.test_api
                    balance roundrobin
                    server s1 10.0.0.6:9000 check
                    server s2 10.0.0.7:9000 check

                backend route_b.test
                    balance roundrobin
                    server s1 [fd00::7]:80 check
                """, new ConfigRenderer(settings).render(ROUTES, FILES));
    }

    @Test
    public void sameRoutesInAnyOrderGiveTheSameText() {
        ConfigRenderer renderer = new ConfigRenderer(TestSettings.of(RUN, 443, 80, 0, List.of(), true));
        assertEquals(renderer.render(ROUTES, FILES),
                renderer.render(List.of(ROUTES.get(2), ROUTES.get(0), ROUTES.get(1)), FILES));
    }

    @Test
    public void hstsWhenAskedAndNoHttpsFrontendWithoutRoutes() {
        ConfigRenderer renderer = new ConfigRenderer(TestSettings.of(RUN, 443, 80, 31536000, List.of(), true));
        assertTrue(renderer.render(ROUTES, FILES)
                .contains("    http-response set-header Strict-Transport-Security \"max-age=31536000\"\n"));
        String empty = renderer.render(List.of(), Map.of());
        assertFalse(empty.contains("frontend https"));
        assertTrue(empty.contains("frontend http\n"));
    }

    @Test
    public void backendNamesStayUnique() {
        List<IngressRoute> clash = List.of(IngressRoute.of("a.test", "/x-y", List.of(BackendServer.parse("10.0.0.1:1"))),
                IngressRoute.of("a.test", "/x_y", List.of(BackendServer.parse("10.0.0.1:1"))));
        assertEquals(List.of("route_a.test_x-y", "route_a.test_x_y"), ConfigRenderer.backendNames(clash));
        List<IngressRoute> same = List.of(IngressRoute.of("a.test", "/x.y", List.of(BackendServer.parse("10.0.0.1:1"))),
                IngressRoute.of("a.test", "/x%y", List.of(BackendServer.parse("10.0.0.1:1"))));
        assertEquals(List.of("route_a.test_x.y", "route_a.test_x_y"), ConfigRenderer.backendNames(same));
    }
}
