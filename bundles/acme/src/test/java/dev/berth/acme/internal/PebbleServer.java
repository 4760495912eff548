package dev.berth.acme.internal;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Assume;

/**
 * The real pebble ACME test server (Debian package {@code pebble}) on loopback ports, with its config file written
 * here and its DNS pointed at a {@link LoopbackDns}. Missing pebble skips the test, or fails it when the system
 * property {@code berth.test.require.pebble} is true.
 */
final class PebbleServer implements AutoCloseable {

    final int acmePort;
    final int managementPort;
    final StringBuffer output = new StringBuffer();
    private final Process process;
    private final HttpClient management;

    PebbleServer(Path dir, TestPki pki, int dnsPort, int httpPort, Map<String, String> environment)
            throws Exception {
        Path binary = findPebble();
        acmePort = freePort();
        managementPort = freePort();
        Path config = Files.writeString(dir.resolve("pebble-config.json"), "{\"pebble\": {"
                + "\"listenAddress\": \"127.0.0.1:" + acmePort + "\","
                + "\"managementListenAddress\": \"127.0.0.1:" + managementPort + "\","
                + "\"certificate\": \"" + pki.serverCertFile + "\","
                + "\"privateKey\": \"" + pki.serverKeyFile + "\","
                + "\"httpPort\": " + httpPort + ", \"tlsPort\": " + freePort() + ","
                + "\"ocspResponderURL\": \"\", \"externalAccountBindingRequired\": false}}");
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-config", config.toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        builder.environment().putAll(environment);
        process = builder.start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                    if (line.contains("127.0.0.1:" + acmePort)) {
                        listening.complete(null);
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IllegalStateException("pebble exited:\n" + output));
        }, "pebble-output");
        reader.setDaemon(true);
        reader.start();
        listening.get(30, TimeUnit.SECONDS);
        management = HttpClient.newBuilder().sslContext(TrustFile.context(pki.caFile)).build();
    }

    URI directory() {
        return URI.create("https://127.0.0.1:" + acmePort + "/dir");
    }

    /** A certificate from the management interface, for example {@code roots/0}. */
    X509Certificate managementCertificate(String path) throws Exception {
        HttpResponse<byte[]> r = management.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + managementPort + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(path + ": HTTP " + r.statusCode(), r.statusCode() == 200);
        List<java.security.cert.X509Certificate> certs = AcmeClient.parseChain(r.body());
        return certs.get(0);
    }

    /** A JSON document of the management interface, for example {@code cert-status-by-serial/<hex>}. */
    String managementJson(String path) throws Exception {
        HttpResponse<String> r = management.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + managementPort + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(path + ": HTTP " + r.statusCode() + " " + r.body(), r.statusCode() == 200);
        return r.body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Path findPebble() {
        String configured = System.getProperty("berth.test.pebble", "");
        if (!configured.isEmpty()) {
            return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : missing(configured);
        }
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "pebble");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing("pebble on the PATH");
    }

    private static Path missing(String where) {
        String message = "the pebble ACME test server is not installed (" + where + "): apt-get install pebble";
        if (Boolean.getBoolean("berth.test.require.pebble")) {
            fail(message + " (berth.test.require.pebble=true)");
        }
        Assume.assumeTrue(message, false);
        return null;
    }
}
