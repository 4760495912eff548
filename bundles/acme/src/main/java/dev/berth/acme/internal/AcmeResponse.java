package dev.berth.acme.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A successful response of the ACME server. */
record AcmeResponse(int status, URI url, Optional<String> location, Optional<String> retryAfter, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AcmeResponse of(HttpResponse<byte[]> response) {
        return new AcmeResponse(response.statusCode(), response.uri(),
                response.headers().firstValue("Location").map(l -> response.uri().resolve(l).toString()),
                response.headers().firstValue("Retry-After"), response.body());
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the ACME server sent no JSON from " + url, e);
        }
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The Retry-After delay in seconds form; an HTTP date or nothing gives the default. */
    Duration retryAfter(Duration fallback) {
        return retryAfter.filter(v -> v.strip().matches("\\d{1,5}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                .orElse(fallback);
    }
}
