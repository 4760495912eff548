package dev.berth.haproxy.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.berth.haproxy.api.IngressRoute;

/** Settings for tests: loopback addresses, chosen ports, a runtime directory of the test's own. */
final class TestSettings {

    /** The HAProxy the tests run: /usr/sbin/haproxy unless -Dberth.test.haproxy names another. */
    static final Path HAPROXY = Path.of(System.getProperty("berth.test.haproxy", "/usr/sbin/haproxy"));

    private TestSettings() {
    }

    /**
     * Skips the test when HAProxy is missing, or fails it when -Dberth.test.require.haproxy=true.
     */
    static void assumeHaproxy() {
        if (!java.nio.file.Files.isExecutable(HAPROXY)) {
            if (Boolean.getBoolean("berth.test.require.haproxy")) {
                org.junit.Assert.fail(HAPROXY + " is missing: apt-get install haproxy");
            }
            org.junit.Assume.assumeTrue(HAPROXY + " is missing: apt-get install haproxy", false);
        }
    }

    static ProxySettings of(Path runtimeDir, int httpsPort, int httpPort, int hsts, List<IngressRoute> routes,
            boolean requireMemoryFs) {
        return new ProxySettings(true, HAPROXY, runtimeDir, "127.0.0.1", httpsPort, "127.0.0.1",
                httpPort, true, hsts, "", routes, requireMemoryFs, Duration.ofSeconds(60), Duration.ofSeconds(15));
    }

    /** A port free on loopback now; the proxy binds it a moment later. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
