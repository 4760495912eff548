package dev.berth.certs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.EnrollmentClientSpec;
import dev.berth.certs.api.CertificateStatus;
import dev.berth.certs.api.TlsContexts;

/** The certificate sets over REST on the mutual-TLS listener. */
public class SetsRestTest {

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

    private HttpResponse<String> call(HttpClient client, String method, String path, String body) throws Exception {
        return tls.call(client, method, "/api/v1/sets" + path, body);
    }

    @Test
    public void administratorsCreateListRenewRevokeAndDeleteSets() throws Exception {
        HttpResponse<String> created = call(admin, "POST", "", "{\"name\":\"web\",\"dnsNames\":[\"web.berth.internal\"],"
                + "\"ipAddresses\":[\"10.0.0.9\"],\"ttl\":\"P10D\",\"readers\":[\"vol-1\"]}");
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue(created.body(), created.body().contains("\"ipAddresses\":[\"10.0.0.9\"]"));
        String serial = manager.find("web").orElseThrow().serialHex();
        assertTrue(created.body(), created.body().contains(serial));
        HttpResponse<String> list = call(admin, "GET", "", null);
        assertEquals(200, list.statusCode());
        assertTrue(list.body(), list.body().contains("\"name\":\"web\"") && list.body().contains("\"name\":\"admin\""));
        assertEquals(200, call(admin, "GET", "/web", null).statusCode());
        HttpResponse<String> renewed = call(admin, "POST", "/web/renew", null);
        assertEquals(200, renewed.statusCode());
        assertFalse(renewed.body().contains(serial));
        assertEquals(200, call(admin, "POST", "/web/revoke", "{\"reason\":\"key-compromise\"}").statusCode());
        assertEquals(CertificateStatus.REVOKED, manager.find("web").orElseThrow().status());
        assertEquals(204, call(admin, "DELETE", "/web", null).statusCode());
        assertEquals(404, call(admin, "GET", "/web", null).statusCode());
    }

    @Test
    public void refusalsCarryTheirReason() throws Exception {
        HttpResponse<String> conflict = call(admin, "POST", "", "{\"name\":\"vol\",\"profile\":\"client\"}");
        assertEquals(409, conflict.statusCode());
        assertTrue(conflict.body(), conflict.body().contains("\"error\""));
        assertEquals(400, call(admin, "POST", "", "{\"name\":\"Bad Name\"}").statusCode());
        assertEquals(400, call(admin, "POST", "", "{\"name\":\"x\",\"ipAddresses\":[\"example.com\"]}").statusCode());
        assertEquals(400, call(admin, "POST", "", "not json").statusCode());
        assertEquals(400, call(admin, "POST", "", "{\"name\":\"bare\"}").statusCode());
        assertEquals(403, call(admin, "POST", "", "{\"name\":\"long\",\"dnsNames\":[\"l.berth.internal\"],"
                + "\"ttl\":\"P1000D\"}").statusCode());
        assertEquals(403, call(other, "GET", "", null).statusCode());
        assertEquals(404, call(admin, "PUT", "/vol", "{}").statusCode());
    }

    @Test
    public void enrolledClientsManageOnlyTheirOwnSetsWithinTheirPolicy() throws Exception {
        manager.register(new EnrollmentClientSpec("vol-2", List.of("**.apps.berth.internal"), List.of("10.9.0.0/16"),
                Duration.ofDays(7), CertificateProfile.CLIENT));
        manager.create(CertificateSetSpec.client("vol2-credentials", "vol-2"));
        HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.mutual(manager.material("vol2-credentials")))
                .build();
        HttpResponse<String> created = call(client, "POST", "", "{\"name\":\"vol-2.web\",\"dnsNames\":"
                + "[\"web.apps.berth.internal\"],\"ipAddresses\":[\"10.9.0.7\"],\"readers\":[\"intruder\"]}");
        assertEquals(created.body(), 201, created.statusCode());
        CertificateSet web = manager.find("vol-2.web").orElseThrow();
        assertEquals("only the client reads its sets", Set.of("vol-2"), web.spec().readers());
        assertEquals("the client's longest lifetime applies", Duration.ofDays(7), web.spec().ttl());
        HttpResponse<String> listed = call(client, "GET", "", null);
        assertTrue(listed.body(), listed.body().contains("vol-2.web") && !listed.body().contains("vol2-credentials"));
        assertEquals(200, call(client, "POST", "/vol-2.web/renew", null).statusCode());

        HttpResponse<String> forbidden = call(client, "POST", "", "{\"name\":\"vol-2.evil\",\"dnsNames\":"
                + "[\"evil.example.com\"]}");
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.body(), forbidden.body().contains("evil.example.com"));
        assertEquals(403, call(client, "POST", "", "{\"name\":\"other\",\"dnsNames\":[\"a.apps.berth.internal\"]}")
                .statusCode());
        assertEquals(403, call(client, "POST", "", "{\"name\":\"vol-2.long\",\"dnsNames\":"
                + "[\"a.apps.berth.internal\"],\"ttl\":\"P8D\"}").statusCode());
        HttpResponse<String> impostor = call(client, "POST", "", "{\"name\":\"vol-2.admin\",\"profile\":\"client\","
                + "\"commonName\":\"berth-admin\"}");
        assertEquals(impostor.body(), 403, impostor.statusCode());
        assertFalse(manager.find("vol-2.evil").isPresent() || manager.find("vol-2.admin").isPresent());

        assertEquals(403, call(client, "GET", "/admin", null).statusCode());
        assertEquals(403, call(client, "DELETE", "/vol", null).statusCode());
        assertTrue(manager.find("vol").isPresent());
        assertEquals(204, call(client, "DELETE", "/vol-2.web", null).statusCode());
        assertFalse(manager.find("vol-2.web").isPresent());
    }
}
