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
                bypass, false, Optional.empty(), Set.of(), 65536, 4096, 100, "proxy", true, Duration.ofSeconds(5));
    }

    @Test
    public void rendersBerthsDirectoriesTheWafServicesAndTls() {
        SquidSettings s = settings(true, "127.0.0.1", false, 1024);
        TlsFileWriter files = new TlsFileWriter(s.tlsDir(), true, Optional.empty());
        String c = SquidConfigRenderer.render(s, Optional.of(files.files()), Optional.of("proxy"));
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
                .render(s, Optional.of(files.files()), Optional.of("proxy"))));
    }

    @Test
    public void plainIcapMemoryOnlyCacheAndBypass() {
        String c = SquidConfigRenderer.render(settings(false, "::1", true, 0), Optional.empty(), Optional.empty());
        assertTrue(c.contains("bypass=on icap://[::1]:11344/reqmod\n"));
        assertFalse(c.contains("cache_dir"));
        assertFalse(c.contains("cache_effective_user"));
        assertFalse(c.contains("tls-"));
    }

    @Test
    public void badSettingsAreRefused() {
        for (Runnable bad : new Runnable[] {
            () -> settings(false, "192.0.2.1", false, 0),
            () -> settings(true, "icap.example", false, 0),
            () -> new SquidSettings(true, Path.of("squid"), Path.of("run"), Path.of("/d"), "127.0.0.1", 3128,
                    List.of("127.0.0.1"), 1, 0, 1, "127.0.0.1", 1, true, false, false, Optional.empty(), Set.of(),
                    4096, 0, 1, "proxy", true, Duration.ofSeconds(1)),
            () -> new SquidSettings(true, Path.of("squid"), Path.of("/run"), Path.of("/d"), "127.0.0.1", 70000,
                    List.of("127.0.0.1"), 1, 0, 1, "127.0.0.1", 1, true, false, false, Optional.empty(), Set.of(),
                    4096, 0, 1, "proxy", true, Duration.ofSeconds(1)),
            () -> new SquidSettings(true, Path.of("squid"), Path.of("/run"), Path.of("/d"), "127.0.0.1", 3128,
                    List.of("everyone"), 1, 0, 1, "127.0.0.1", 1, true, false, false, Optional.empty(), Set.of(),
                    4096, 0, 1, "proxy", true, Duration.ofSeconds(1)),
            () -> new SquidSettings(true, Path.of("squid"), Path.of("/run"), Path.of("/d"), "127.0.0.1", 3128,
                    List.of("127.0.0.1"), 1, 0, 1, "127.0.0.1", 1, true, false, false,
                    Optional.of(Path.of("/nonexistent/rules")), Set.of(), 4096, 0, 1, "proxy", true,
                    Duration.ofSeconds(1))}) {
            try {
                bad.run();
                fail("accepted");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("dev.berth.squid: "));
            }
        }
    }
}
