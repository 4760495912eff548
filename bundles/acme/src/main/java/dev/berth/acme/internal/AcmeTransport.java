package dev.berth.acme.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.berth.acme.api.AcmeException;

/**
 * HTTP to the ACME server: the directory, a pool of nonces fed by every response's Replay-Nonce, signed POSTs
 * retried once on {@code badNonce}, and error responses turned into {@link AcmeException}s.
 */
final class AcmeTransport {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeTransport.class);
    private static final String USER_AGENT = "Berth-ACME/0.1 Java/" + Runtime.version().feature();

    private final HttpClient http;
    private final URI directoryUrl;
    private final Duration requestTimeout;
    private final ConcurrentLinkedDeque<String> nonces = new ConcurrentLinkedDeque<>();
    private final AtomicLong nonceRetries = new AtomicLong();
    private volatile JsonNode directory;

    AcmeTransport(URI directoryUrl, SSLContext tls, Duration requestTimeout) {
        this.directoryUrl = directoryUrl;
        this.requestTimeout = requestTimeout;
        // HttpClient verifies the server's certificate and host name against the SSLContext's trust managers.
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** How many requests were sent again after a badNonce. */
    long nonceRetries() {
        return nonceRetries.get();
    }

    URI directoryUrl() {
        return directoryUrl;
    }

    /** The directory, read once and then kept. */
    JsonNode directory() {
        JsonNode d = directory;
        return d != null ? d : readDirectory();
    }

    /** Reads the directory again (and keeps it), to show whether the CA answers now. */
    JsonNode readDirectory() {
        JsonNode d = send(HttpRequest.newBuilder(directoryUrl).GET(), false).json();
        directory = d;
        return d;
    }

    /**
     * A URL from the directory.
     *
     * @param name the resource name, for example {@code newOrder}
     * @return the URL
     */
    URI resource(String name) {
        JsonNode url = directory().get(name);
        if (url == null || !url.isTextual()) {
            throw new AcmeException("the ACME directory " + directoryUrl + " has no " + name, null);
        }
        return URI.create(url.asText());
    }

    /**
     * Sends a signed POST, retried once with a fresh nonce when the server says {@code badNonce}.
     *
     * @param url the URL
     * @param signer the account's signer
     * @param accountUrl the account URL, null to sign with the JWK
     * @param payload the JSON payload, null for POST-as-GET
     * @param accept the Accept header, null for JSON
     * @return the response
     */
    AcmeResponse post(URI url, JwsSigner signer, String accountUrl, String payload, String accept) {
        try {
            return postOnce(url, signer, accountUrl, payload, accept);
        } catch (AcmeException e) {
            if (!e.is("badNonce")) {
                throw e;
            }
            LOG.debug("ACME server rejected a nonce for {}; retrying once with a new one", url);
            nonceRetries.incrementAndGet();
            return postOnce(url, signer, accountUrl, payload, accept);
        }
    }

    private AcmeResponse postOnce(URI url, JwsSigner signer, String accountUrl, String payload, String accept) {
        String body = signer.sign(url, nonce(), accountUrl, payload);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/jose+json")
                .header("Accept", accept == null ? "application/json" : accept)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, true);
    }

    private String nonce() {
        String n = nonces.pollFirst();
        if (n != null) {
            return n;
        }
        send(HttpRequest.newBuilder(resource("newNonce")).method("HEAD", HttpRequest.BodyPublishers.noBody()), true);
        n = nonces.pollFirst();
        if (n == null) {
            throw new AcmeException("the ACME server sent no Replay-Nonce from newNonce", null);
        }
        return n;
    }

    private AcmeResponse send(HttpRequest.Builder request, boolean keepNonce) {
        HttpRequest r = request.header("User-Agent", USER_AGENT).timeout(requestTimeout).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AcmeException("cannot reach the ACME server at " + r.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeException("interrupted while talking to " + r.uri(), e);
        }
        Optional<String> nonce = response.headers().firstValue("Replay-Nonce");
        if (keepNonce) {
            nonce.ifPresent(nonces::addLast);
        }
        if (response.statusCode() >= 400) {
            throw Problems.fromResponse(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        }
        return AcmeResponse.of(response);
    }
}
