package dev.berth.certs.internal;

import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.TlsContexts;

/**
 * Karaf registers Bouncy Castle as a JCA provider. Keys read back from the store must still be the JDK's kind
 * ({@code EC}, not Bouncy Castle's {@code ECDSA}), or the TLS listeners find no server key after a restart.
 */
public class BouncyCastleProviderTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @After
    public void removeProvider() {
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
    }

    @Test
    public void theListenersServeAfterARestartWithBouncyCastleRegistered() throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        Path data = temp.newFolder().toPath();
        String key = TestCertificateManagers.newKey();
        CertificateManager first = new CertificateManager(TestCertificateManagers.settings(data, key,
                Path.of("/nonexistent"), false, 0));
        first.create(CertificateSetSpec.client("admin", "berth-admin"));
        first.close();
        CertificateManager restarted = new CertificateManager(TestCertificateManagers.settings(data, key,
                Path.of("/nonexistent"), false, 0));
        try {
            assertEquals("EC", restarted.material(CertsSettings.SERVER_SET).privateKey().getAlgorithm());
            HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.mutual(restarted.material("admin")))
                    .build();
            HttpResponse<String> listing = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + restarted.httpsPort(true) + "/certs/")).method("PROPFIND", HttpRequest.BodyPublishers.noBody())
                    .header("Depth", "1").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(listing.body(), 207, listing.statusCode());
        } finally {
            restarted.close();
        }
    }
}
