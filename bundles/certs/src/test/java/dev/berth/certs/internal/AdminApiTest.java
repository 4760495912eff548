package dev.berth.certs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.component.ComponentServiceObjects;

import dev.berth.admin.api.AdminResource;

/** The operators' read-only API and web page on the mutual-TLS listener. */
public class AdminApiTest {

    private final TemporaryFolder temp = new TemporaryFolder();
    private final MutualTlsClients tls = new MutualTlsClients(temp);

    @Rule
    public RuleChain rules = RuleChain.outerRule(temp).around(tls);

    private CertificateManager manager;
    private HttpClient admin;
    private HttpClient other;

    @Before
    public void start() {
        manager = tls.manager;
        admin = tls.admin;
        other = tls.other;
    }

    private HttpResponse<String> call(HttpClient client, String method, String path) throws Exception {
        return tls.call(client, method, path, null);
    }

    private static ComponentServiceObjects<AdminResource> networks(List<Map<String, Object>> rows) {
        return TestCertificateManagers.objects(() -> rows);
    }

    @Test
    public void resourcesComeAndGoWithTheirServices() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "web");
        row.put("subnets", List.of("198.18.0.0/24", "fd00:1::/64"));
        row.put("endpoints", 2);
        ComponentServiceObjects<AdminResource> objects = networks(List.of(row));
        manager.addAdminResource(objects, Map.of(AdminResource.NAME, "networks", AdminResource.TITLE, "Networks"));

        HttpResponse<String> index = call(admin, "GET", "/api/v1/");
        assertEquals(index.body(), 200, index.statusCode());
        assertEquals("[{\"name\":\"networks\",\"title\":\"Networks\",\"href\":\"/api/v1/networks\"},"
                + "{\"name\":\"sets\",\"title\":\"Certificate sets\",\"href\":\"/api/v1/sets\"}]", index.body());
        HttpResponse<String> rows = call(admin, "GET", "/api/v1/networks");
        assertEquals(200, rows.statusCode());
        assertEquals("[{\"name\":\"web\",\"subnets\":[\"198.18.0.0/24\",\"fd00:1::/64\"],\"endpoints\":2}]",
                rows.body());
        assertTrue("the sets keep their own servlet", call(admin, "GET", "/api/v1/sets").body()
                .contains("\"name\":\"vol\""));

        manager.removeAdminResource(objects);
        assertEquals(404, call(admin, "GET", "/api/v1/networks").statusCode());
        assertFalse(call(admin, "GET", "/api/v1/").body().contains("networks"));
    }

    @Test
    public void onlyAdministratorsReadAndNobodyWrites() throws Exception {
        manager.addAdminResource(networks(List.of()), Map.of(AdminResource.NAME, "networks"));
        for (String path : List.of("/api/v1/", "/api/v1/networks", "/console/", "/console/console.js")) {
            HttpResponse<String> refused = call(other, "GET", path);
            assertEquals(path, 403, refused.statusCode());
            assertTrue(refused.body(), refused.body().contains("administrators"));
        }
        HttpResponse<String> post = call(admin, "POST", "/api/v1/networks");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        assertEquals(404, call(admin, "GET", "/api/v1/nothing").statusCode());
        assertEquals("the page serves its own three files only", 404,
                call(admin, "GET", "/console/dev/berth/certs/rest/AdminApiServlet.class").statusCode());
    }

    @Test
    public void badNamesAreIgnoredAndAFailingResourceIsA503() throws Exception {
        manager.addAdminResource(networks(List.of()), Map.of(AdminResource.NAME, "../etc"));
        manager.addAdminResource(networks(List.of()), Map.of(AdminResource.NAME, "sets"));
        manager.addAdminResource(TestCertificateManagers.objects(() -> {
            throw new IllegalStateException("the database is gone");
        }), Map.of(AdminResource.NAME, "pools"));
        assertEquals("[{\"name\":\"pools\",\"title\":\"pools\",\"href\":\"/api/v1/pools\"},"
                + "{\"name\":\"sets\",\"title\":\"Certificate sets\",\"href\":\"/api/v1/sets\"}]",
                call(admin, "GET", "/api/v1/").body());
        HttpResponse<String> failed = call(admin, "GET", "/api/v1/pools");
        assertEquals(503, failed.statusCode());
        assertTrue(failed.body(), failed.body().contains("the database is gone"));
    }

    @Test
    public void thePageIsStaticWithAStrictPolicyAndWritesValuesAsText() throws Exception {
        HttpResponse<String> page = call(admin, "GET", "/console/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body(), page.body().contains("<script src=\"console.js\" defer></script>"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy, policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"));
        HttpResponse<String> script = call(admin, "GET", "/console/console.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("/api/v1/"));
        assertFalse("values never go into the page as HTML", script.body().contains("innerHTML"));
        assertEquals(301, call(admin, "GET", "/console").statusCode());
    }
}
