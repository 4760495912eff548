package dev.berth.acme.internal;

import static org.junit.Assert.assertEquals;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.After;
import org.junit.Test;

public class Http01ResponderTest {

    private final Http01Responder responder = new Http01Responder(new InetSocketAddress("127.0.0.1", 0));
    private final HttpClient http = HttpClient.newHttpClient();

    @After
    public void close() {
        responder.close();
    }

    @Test
    public void servesOnlyPendingTokens() throws Exception {
        responder.add("abc_-1", "abc_-1.thumb");
        assertEquals("200 abc_-1.thumb", get("/.well-known/acme-challenge/abc_-1"));
        assertEquals(404, Integer.parseInt(get("/.well-known/acme-challenge/other").substring(0, 3)));
        assertEquals(404, Integer.parseInt(get("/abc_-1").substring(0, 3)));
        responder.remove("abc_-1");
        assertEquals(404, Integer.parseInt(get("/.well-known/acme-challenge/abc_-1").substring(0, 3)));
    }

    @Test
    public void anIdleConnectionDoesNotHoldUpOthers() throws Exception {
        responder.add("t", "t.k");
        try (java.net.Socket idle = new java.net.Socket("127.0.0.1", responder.address().getPort())) {
            assertEquals("200 t.k", get("/.well-known/acme-challenge/t"));
        }
    }

    private String get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + responder.address().getPort() + path);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
