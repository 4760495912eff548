package dev.berth.certs.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.TlsContexts;

/**
 * A certificate manager on a mutual-TLS listener with two clients: {@code admin} (common name berth-admin, an
 * administrator) and {@code other} (vol-1, a client but no administrator). For tests of the REST API and page.
 */
final class MutualTlsClients extends ExternalResource {

    private final TemporaryFolder temp;
    CertificateManager manager;
    HttpClient admin;
    HttpClient other;
    String base;

    /**
     * @param temp the test's temporary folder, a rule applied before this one
     */
    MutualTlsClients(TemporaryFolder temp) {
        this.temp = temp;
    }

    @Override
    protected void before() throws Throwable {
        manager = new CertificateManager(TestCertificateManagers.settings(temp.newFolder().toPath(),
                TestCertificateManagers.newKey(), Path.of("/nonexistent"), false, 0));
        manager.create(CertificateSetSpec.client("admin", "berth-admin"));
        manager.create(CertificateSetSpec.client("vol", "vol-1"));
        admin = HttpClient.newBuilder().sslContext(TlsContexts.mutual(manager.material("admin"))).build();
        other = HttpClient.newBuilder().sslContext(TlsContexts.mutual(manager.material("vol"))).build();
        base = "https://127.0.0.1:" + manager.httpsPort(true);
    }

    @Override
    protected void after() {
        manager.close();
    }

    /**
     * Sends a request as a client.
     *
     * @param client {@link #admin} or {@link #other}
     * @param method the HTTP method
     * @param path the path from the listener's root
     * @param json a JSON body, or null for none
     * @return the answer
     * @throws Exception when the request fails
     */
    HttpResponse<String> call(HttpClient client, String method, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
