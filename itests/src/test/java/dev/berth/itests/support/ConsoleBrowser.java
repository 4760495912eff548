package dev.berth.itests.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpServer;

/**
 * The operators' page in a real browser: headless Chromium loads {@code /console/}, runs its script against the real
 * API and the test reads the DOM it drew. Chromium is given no client certificate store, so the page reaches Berth
 * through a loopback relay of the test that holds the administrator's certificate and passes GETs on over mutual
 * TLS, answers and headers (the Content-Security-Policy among them) as Berth sent them.
 */
public final class ConsoleBrowser implements AutoCloseable {

    private static final List<String> PASSED_HEADERS = List.of("content-type", "content-security-policy",
            "x-content-type-options", "cache-control");

    private final HttpServer relay;
    private final Path profile;

    /**
     * Starts the relay.
     *
     * @param berthPort Berth's mutual-TLS port (the WebDAV tree, the API and the page)
     * @param certificate a directory with {@code ca.pem}, {@code chain.pem} and {@code key.pem} as cert:export
     *     writes them
     * @throws IOException when it cannot start
     * @throws GeneralSecurityException when the certificate files cannot be read
     */
    public ConsoleBrowser(int berthPort, Path certificate) throws IOException, GeneralSecurityException {
        HttpClient client = HttpClient.newBuilder().sslContext(tls(certificate))
                .connectTimeout(Duration.ofSeconds(10)).build();
        relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relay.createContext("/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + berthPort + exchange.getRequestURI())).timeout(Duration.ofSeconds(20)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().map().forEach((name, values) -> {
                    if (PASSED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] body = answer.body();
                exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        relay.start();
        profile = Files.createTempDirectory("berth-chromium");
    }

    /**
     * Finds Chromium.
     *
     * @return its path
     * @throws AssertionError when it is not installed (itests/run installs it)
     */
    public static String chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new AssertionError("no Chromium; itests/run installs it (apt-get install chromium)");
    }

    /**
     * Loads a page of Berth's in headless Chromium, lets its scripts run, and returns the DOM they left.
     *
     * @param path for example {@code /console/}
     * @return the serialized DOM
     */
    public String dom(String path) {
        String url = "http://127.0.0.1:" + relay.getAddress().getPort() + path;
        Commands.Result r = Commands.run(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
                "--virtual-time-budget=8000", "--dump-dom", url), 120);
        if (r.exit() != 0) {
            throw new AssertionError("chromium failed on " + url + ": " + r.err());
        }
        return r.out();
    }

    @Override
    public void close() {
        relay.stop(0);
        Commands.run("rm", "-rf", profile.toString());
    }

    private static SSLContext tls(Path dir) throws IOException, GeneralSecurityException {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Collection<? extends Certificate> chain = x509.generateCertificates(
                new ByteArrayInputStream(Files.readAllBytes(dir.resolve("chain.pem"))));
        Collection<? extends Certificate> ca = x509.generateCertificates(
                new ByteArrayInputStream(Files.readAllBytes(dir.resolve("ca.pem"))));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("admin", privateKey(dir.resolve("key.pem"), chain.iterator().next()), new char[0],
                chain.toArray(new Certificate[0]));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : ca) {
            trust.setCertificateEntry("ca" + i++, c);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** A PKCS#8 key ({@code BEGIN PRIVATE KEY}) of the certificate's algorithm. */
    private static PrivateKey privateKey(Path pem, Certificate certificate) throws IOException,
            GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException(pem + " is not a PKCS#8 key");
        }
        List<String> base64 = new ArrayList<>();
        boolean in = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("-----BEGIN PRIVATE KEY")) {
                in = true;
            } else if (line.startsWith("-----END")) {
                break;
            } else if (in) {
                base64.add(line.strip());
            }
        }
        byte[] der = Base64.getDecoder().decode(String.join("", base64));
        return KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
