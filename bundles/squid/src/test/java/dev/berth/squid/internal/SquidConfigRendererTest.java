package dev.berth.squid.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;

public class SquidConfigRendererTest {

    static SquidSettings settings(boolean tls, String icapAddress, boolean bypass, int disk) {
        return new SquidSettings(true, Path.of("/usr/sbin/squid"), Path.of("/run/berth"), Path.of("/var/lib/berth"),
                "127.0.0.1", 3128, List.of("127.0.0.1/32", "10.0.0.0/8"), 64, disk, 4096, icapAddress, 11344, tls,
                bypass, false, Optional.empty(), Set.of(), 65536, 4096, 100, "proxy", true, Duration.ofSeconds(5), ReverseSettings.OFF);
    }

    @Test
    public void rendersBerthsDirectoriesTheWafServicesAndTls() {
        SquidSettings s = settings(true, "127.0.0.1", false, 1024);
        TlsFileWriter files = new TlsFileWriter(s.tlsDir(), true, Optional.empty());
        String c = SquidConfigRenderer.render(s, Optional.of(files.files()), Optional.of("proxy"), ReverseRenderer.Publication.NONE);
        assertTrue(c.contains("http_port 127.0.0.1:3128\n"));
        assertTrue(c.contains("pid_filename /run/berth/squid/squid.pid\n"));
        assertTrue(c.contains("access_log stdio:/var/lib/berth/squid/logs/access.log squid\n"));
        assertTrue(c.contains("cache_dir ufs /var/lib/berth/squid/cache 1024 16 256\n"));
        assertTrue(c.contains("cache_effective_user proxy\n"));
        assertTrue(c.contains("acl berth_clients src 127.0.0.1/32 10.0.0.0/8\nacl SSL_ports"));
        assertTrue(c.indexOf("http_access allow berth_clients\n") < c.indexOf("http_access deny all\n"));
        assertTrue(c.contains("icap_service berth_waf_req reqmod_precache bypass=off icaps://127.0.0.1:11344/reqmod "
                + "tls-cafile=/run/berth/squid/tls/icap-ca.pem tls-cert=/run/berth/squid/tls/squid-client.pem "
                + "tls-key=/run/berth/squid/tls/squid-client.key tls-domain=icap.berth.internal\n"));
        assertTrue(c.contains("icap_service berth_waf_resp respmod_precache bypass=off icaps://"));
        assertTrue(c.contains("adaptation_access berth_waf_req allow all\nadaptation_access berth_waf_resp allow all\n"));
        assertEquals("deterministic", SquidConfigRenderer.hash(c), SquidConfigRenderer.hash(SquidConfigRenderer
                .render(s, Optional.of(files.files()), Optional.of("proxy"), ReverseRenderer.Publication.NONE)));
    }

    @Test
    public void plainIcapMemoryOnlyCacheAndBypass() {
        String c = SquidConfigRenderer.render(settings(false, "::1", true, 0), Optional.empty(), Optional.empty(),
                ReverseRenderer.Publication.NONE);
        assertTrue(c.contains("bypass=on icap://[::1]:11344/reqmod\n"));
        assertFalse(c.contains("cache_dir"));
        assertFalse(c.contains("cache_effective_user"));
        assertFalse(c.contains("tls-"));
    }

    @Test
    public void rendersTheReverseProxyBeforeTheForwardRules() {
        SquidSettings s = withReverse(new ReverseSettings(true, "0.0.0.0", 8080, 8443, ""));
        TlsFileWriter files = new TlsFileWriter(s.tlsDir(), true, Optional.empty());
        ReverseRenderer.Publication p = new ReverseRenderer.Publication(List.of(
                new PublishedSite(List.of("api.example.test"), "fd00::7", 80, "container:api"),
                new PublishedSite(List.of("www.example.test", "example.test"), "10.1.0.5", 8080, "container:web")),
                Optional.of(files.files()));
        String c = SquidConfigRenderer.render(s, Optional.empty(), Optional.empty(), p);
        assertTrue(c, c.contains("http_port 127.0.0.1:3128\nhttp_port 0.0.0.0:8080 accel vhost name=berth_reverse_http\n"
                + "https_port 0.0.0.0:8443 accel vhost name=berth_reverse_https tls-cert=/run/berth/squid/tls/"
                + "squid-client.pem tls-key=/run/berth/squid/tls/squid-client.key\n"));
        assertTrue(c, c.contains("acl berth_reverse myportname berth_reverse_http berth_reverse_https\n"
                + "# container:api\n"
                + "cache_peer fd00::7 parent 80 0 no-query no-digest originserver round-robin name=berth_site_1\n"
                + "acl berth_site_1 dstdomain api.example.test\n"
                + "cache_peer_access berth_site_1 allow berth_site_1\n"
                + "cache_peer_access berth_site_1 deny all\n"
                + "# container:web\n"
                + "cache_peer 10.1.0.5 parent 8080 0 no-query no-digest originserver round-robin name=berth_site_2\n"
                + "acl berth_site_2 dstdomain www.example.test example.test\n"));
        assertTrue(c, c.contains("acl berth_published dstdomain api.example.test example.test www.example.test\n"
                + "never_direct allow berth_published\n"
                + "http_access allow berth_reverse berth_published\n"
                + "never_direct allow berth_reverse\n"
                + "http_access deny berth_reverse\n"
                + "acl berth_clients src"));
        assertTrue(c.indexOf("http_access deny berth_reverse\n") < c.indexOf("http_access allow berth_clients\n"));

        // Nothing published: the HTTP port refuses every host; no HTTPS port without a certificate.
        String none = SquidConfigRenderer.render(s, Optional.empty(), Optional.empty(),
                new ReverseRenderer.Publication(List.of(), Optional.of(files.files())));
        assertFalse(none, none.contains("https_port") || none.contains("cache_peer") || none.contains("berth_published"));
        assertTrue(none, none.contains("acl berth_reverse myportname berth_reverse_http\nnever_direct allow "
                + "berth_reverse\nhttp_access deny berth_reverse\n"));
        // Off: nothing of it, even with sites.
        String off = SquidConfigRenderer.render(withReverse(new ReverseSettings(false, "0.0.0.0", 8080, 8443, "")),
                Optional.empty(), Optional.empty(), p);
        assertFalse(off, off.contains("accel") || off.contains("berth_reverse") || off.contains("cache_peer"));
    }

    private static SquidSettings withReverse(ReverseSettings r) {
        SquidSettings s = settings(false, "127.0.0.1", false, 0);
        return new SquidSettings(s.enabled(), s.binary(), s.runtimeDir(), s.dataDir(), s.httpAddress(), s.httpPort(),
                s.allowedClients(), s.cacheMemMb(), s.cacheDiskMb(), s.maxObjectKb(), s.icapAddress(), s.icapPort(),
                s.icapTls(), s.icapBypass(), s.detectOnly(), s.rulesFile(), s.disabledRules(), s.bodyLimit(),
                s.preview(), s.incidentsKept(), s.effectiveUser(), s.requireMemoryFs(), s.timeout(), r);
    }

    @Test
    public void badReverseSettingsAreRefused() {
        for (ReverseSettings bad : new ReverseSettings[] {
            new ReverseSettings(true, "any", 8080, 0, ""),
            new ReverseSettings(true, "0.0.0.0", 0, 0, ""),
            new ReverseSettings(false, "0.0.0.0", 8443, 8443, ""),
            new ReverseSettings(true, "0.0.0.0", 70000, 0, ""),
            new ReverseSettings(true, "0.0.0.0", 8080, 0, "net work")}) {
            try {
                withReverse(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("dev.berth.squid: reverse."));
            }
        }
    }

    @Test
    public void badSettingsAreRefused() {
        for (Runnable bad : new Runnable[] {
            () -> settings(false, "192.0.2.1", false, 0),
            () -> settings(true, "icap.example", false, 0),
            () -> new SquidSettings(true, Path.of("squid"), Path.of("run"), Path.of("/d"), "127.0.0.1", 3128,
                    List.of("127.0.0.1"), 1, 0, 1, "127.0.0.1", 1, true, false, false, Optional.empty(), Set.of(),
                    4096, 0, 1, "proxy", true, Duration.ofSeconds(1), ReverseSettings.OFF),
            () -> new SquidSettings(true, Path.of("squid"), Path.of("/run"), Path.of("/d"), "127.0.0.1", 70000,
                    List.of("127.0.0.1"), 1, 0, 1, "127.0.0.1", 1, true, false, false, Optional.empty(), Set.of(),
                    4096, 0, 1, "proxy", true, Duration.ofSeconds(1), ReverseSettings.OFF),
            () -> new SquidSettings(true, Path.of("squid"), Path.of("/run"), Path.of("/d"), "127.0.0.1", 3128,
                    List.of("everyone"), 1, 0, 1, "127.0.0.1", 1, true, false, false, Optional.empty(), Set.of(),
                    4096, 0, 1, "proxy", true, Duration.ofSeconds(1), ReverseSettings.OFF),
            () -> new SquidSettings(true, Path.of("squid"), Path.of("/run"), Path.of("/d"), "127.0.0.1", 3128,
                    List.of("127.0.0.1"), 1, 0, 1, "127.0.0.1", 1, true, false, false,
                    Optional.of(Path.of("/nonexistent/rules")), Set.of(), 4096, 0, 1, "proxy", true,
                    Duration.ofSeconds(1), ReverseSettings.OFF)}) {
            try {
                bad.run();
                fail("accepted");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("dev.berth.squid: "));
            }
        }
    }
}
