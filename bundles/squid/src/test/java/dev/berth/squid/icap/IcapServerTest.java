package dev.berth.squid.icap;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.berth.squid.waf.IncidentLog;
import dev.berth.squid.waf.RuleSet;
import dev.berth.squid.waf.WafAdapter;

/** The ICAP service over plain loopback TCP, spoken to byte by byte as Squid would. */
public class IcapServerTest {

    private static final String CLEAN_REQ = "GET http://shop.test/item?id=7 HTTP/1.1\r\nHost: shop.test\r\n\r\n";

    private IncidentLog log;
    private IcapServer server;

    @Before
    public void setUp() throws IOException {
        log = new IncidentLog(100);
        WafAdapter waf = new WafAdapter(RuleSet.defaults(), false, 4096, log, Clock.systemUTC());
        server = IcapServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, "",
                () -> waf, 16, 8);
    }

    @After
    public void tearDown() {
        server.close();
    }

    /** An ICAP response: status, fields, and everything after the head. */
    record Response(int status, Map<String, String> fields, String rest) {
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Reads one ICAP head, then the encapsulated part up to the end of its chunked body when there is one. */
    private static Response read(InputStream in) throws IOException {
        String head = until(in, "\r\n\r\n");
        String[] lines = head.split("\r\n");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            fields.put(lines[i].substring(0, c).toLowerCase(), lines[i].substring(c + 1).trim());
        }
        String enc = fields.getOrDefault("encapsulated", "");
        String rest = "";
        if (enc.contains("-body=") && !enc.contains("null-body")) {
            rest = until(in, "\r\n0\r\n\r\n");
        } else if (enc.contains("-hdr=")) {
            rest = until(in, "\r\n\r\n");
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), fields, rest);
    }

    private static String until(InputStream in, String end) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + out.toString(StandardCharsets.ISO_8859_1));
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String reqmod(String httpHead, String extra, String body) {
        String enc = body == null ? "req-hdr=0, null-body=" + httpHead.length()
                : "req-hdr=0, req-body=" + httpHead.length();
        return "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: 127.0.0.1\r\n" + extra + "Encapsulated: " + enc
                + "\r\n\r\n" + httpHead + (body == null ? "" : body);
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    public void optionsDescribeTheServices() throws IOException {
        try (Socket s = connect()) {
            send(s.getOutputStream(), "OPTIONS icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
            Response r = read(s.getInputStream());
            assertEquals(200, r.status());
            assertEquals("REQMOD", r.fields().get("methods"));
            assertEquals("204", r.fields().get("allow"));
            assertEquals("16", r.fields().get("preview"));
            assertTrue(r.fields().get("istag").matches("\"berth-[0-9a-f]{16}\""));
            send(s.getOutputStream(), "OPTIONS icap://127.0.0.1/respmod ICAP/1.0\r\nHost: 127.0.0.1\r\n"
                    + "Encapsulated: null-body=0\r\n\r\n");
            assertEquals("RESPMOD", read(s.getInputStream()).fields().get("methods"));
        }
    }

    @Test
    public void cleanRequestsGet204AndAttacksABlockPageOnOnePersistentConnection() throws IOException {
        try (Socket s = connect()) {
            send(s.getOutputStream(), reqmod(CLEAN_REQ, "Allow: 204\r\n", null));
            assertEquals(204, read(s.getInputStream()).status());
            String attack = "GET http://shop.test/item?id=1%20UNION%20SELECT%201 HTTP/1.1\r\nHost: shop.test\r\n\r\n";
            send(s.getOutputStream(), reqmod(attack, "Allow: 204\r\nX-Client-IP: 192.0.2.1\r\n", null));
            Response r = read(s.getInputStream());
            assertEquals(200, r.status());
            assertTrue(r.fields().get("encapsulated").startsWith("res-hdr=0, res-body="));
            assertTrue(r.rest(), r.rest().startsWith("HTTP/1.1 403 Forbidden\r\n"));
            assertTrue(r.rest().contains("X-Berth-Waf-Rule: 3001\r\n"));
            assertTrue(r.rest().contains("Incident: " + log.recent(1).get(0).id()));
            assertEquals("192.0.2.1", log.recent(1).get(0).client());
        }
    }

    @Test
    public void previewThen100ContinueThenTheRestOfTheBody() throws IOException {
        String head = "POST http://shop.test/c HTTP/1.1\r\nHost: shop.test\r\nContent-Type: text/plain\r\n\r\n";
        try (Socket s = connect()) {
            // The payload starts after the 16-byte preview, so only reading on after 100 Continue finds it.
            send(s.getOutputStream(), reqmod(head, "Allow: 204\r\nPreview: 16\r\n", chunk("0123456789abcdef")
                    + "0\r\n\r\n"));
            Response cont = read(s.getInputStream());
            assertEquals(100, cont.status());
            send(s.getOutputStream(), chunk("<script>alert(1)</script>") + "0\r\n\r\n");
            Response r = read(s.getInputStream());
            assertTrue(r.rest().contains("X-Berth-Waf-Rule: 4001"));
            // ieof: the preview is the whole body, answered at once
            send(s.getOutputStream(), reqmod(head, "Allow: 204\r\nPreview: 16\r\n", chunk("hello") + "0; ieof\r\n\r\n"));
            assertEquals(204, read(s.getInputStream()).status());
        }
    }

    @Test
    public void withoutAllow204TheMessageIsEchoedUnchanged() throws IOException {
        String head = "POST http://shop.test/c HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 10\r\n\r\n";
        try (Socket s = connect()) {
            send(s.getOutputStream(), reqmod(head, "", chunk("hello") + chunk("world") + "0\r\n\r\n"));
            Response r = read(s.getInputStream());
            assertEquals(200, r.status());
            assertEquals("req-hdr=0, req-body=" + head.length(), r.fields().get("encapsulated"));
            assertEquals(head + "a\r\nhelloworld\r\n0\r\n\r\n", r.rest());
        }
    }

    @Test
    public void bodiesBeyondTheLimitAreReadButNotInspected() throws IOException {
        String head = "POST http://shop.test/c HTTP/1.1\r\nHost: shop.test\r\n\r\n";
        try (Socket s = connect()) {
            send(s.getOutputStream(), reqmod(head, "Allow: 204\r\n", chunk("a".repeat(5000))
                    + chunk("<script>") + "0\r\n\r\n"));
            assertEquals("past the 4096-byte limit", 204, read(s.getInputStream()).status());
            send(s.getOutputStream(), reqmod(CLEAN_REQ, "Allow: 204\r\n", null));
            assertEquals("the stream is still in step", 204, read(s.getInputStream()).status());
        }
    }

    @Test
    public void respmodBlocksAMatchingResponse() throws IOException {
        String req = CLEAN_REQ;
        String res = "HTTP/1.1 500 Error\r\nContent-Type: text/html\r\n\r\n";
        String icap = "RESPMOD icap://127.0.0.1/respmod ICAP/1.0\r\nHost: 127.0.0.1\r\nAllow: 204\r\nPreview: 16\r\n"
                + "Encapsulated: req-hdr=0, res-hdr=" + req.length() + ", res-body=" + (req.length() + res.length())
                + "\r\n\r\n" + req + res + chunk("You have an erro") + "0\r\n\r\n";
        try (Socket s = connect()) {
            send(s.getOutputStream(), icap);
            assertEquals(100, read(s.getInputStream()).status());
            send(s.getOutputStream(), chunk("r in your SQL syntax") + "0\r\n\r\n");
            Response r = read(s.getInputStream());
            assertTrue(r.rest().contains("X-Berth-Waf-Rule: 9001"));
            assertEquals("response-body", log.recent(1).get(0).target());
        }
    }

    @Test
    public void malformedRequestsGetAnErrorAndTheConnectionIsClosed() throws IOException {
        String[][] cases = {
            {"400", "REQMOD icap://127.0.0.1/reqmod HTTP/1.1\r\nHost: x\r\n\r\n"},
            {"400", "REQMOD  icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\n\r\n"},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\nHost: x\n\n"},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\n\r\n"},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nEncapsulated: null-body=0\r\n\r\n"},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\nBad header\r\n\r\n"},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\nEncapsulated: req-hdr=0, req-hdr=5, "
                    + "null-body=9\r\n\r\n"},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\nEncapsulated: res-hdr=0, null-body="
                    + CLEAN_REQ.length() + "\r\n\r\n" + CLEAN_REQ},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\nEncapsulated: req-hdr=0, null-body=5\r\n"
                    + "\r\nGET /"},
            {"400", reqmod(CLEAN_REQ, "Allow: 204\r\n", "zz\r\nhello\r\n0\r\n\r\n")},
            {"400", reqmod(CLEAN_REQ, "Allow: 204\r\n", "3\r\nhello\r\n0\r\n\r\n")},
            {"400", reqmod(CLEAN_REQ, "Allow: 204\r\nPreview: 2\r\n", chunk("hello") + "0\r\n\r\n")},
            {"400", reqmod(CLEAN_REQ, "Preview: many\r\n", null)},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: " + "x".repeat(9000) + "\r\n\r\n"},
            {"400", "REQMOD icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\nEncapsulated: req-hdr=0, null-body=70000"
                    + "\r\n\r\n"},
            {"501", "BREW icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\n\r\n"},
            {"404", "OPTIONS icap://127.0.0.1/nothing ICAP/1.0\r\nHost: x\r\n\r\n"},
            {"405", reqmod(CLEAN_REQ, "", null).replace("/reqmod", "/respmod")},
        };
        for (String[] c : cases) {
            try (Socket s = connect()) {
                send(s.getOutputStream(), c[1]);
                Response r = read(s.getInputStream());
                assertEquals(c[1], Integer.parseInt(c[0]), r.status());
                assertEquals("close", r.fields().get("connection"));
                assertEquals("connection closed after " + c[1], -1, s.getInputStream().read());
            }
        }
        assertEquals("nothing half-done was recorded", 0, log.recent(100).size());
        try (Socket s = connect()) {
            send(s.getOutputStream(), reqmod(CLEAN_REQ, "Allow: 204\r\n", null));
            assertEquals("the service still serves", 204, read(s.getInputStream()).status());
        }
    }

    @Test
    public void aMalformedRequestAfterAGoodOneOnTheSameConnectionEndsIt() throws IOException {
        try (Socket s = connect()) {
            send(s.getOutputStream(), reqmod(CLEAN_REQ, "Allow: 204\r\n", null));
            assertEquals(204, read(s.getInputStream()).status());
            send(s.getOutputStream(), "garbage\r\n\r\n");
            assertEquals(400, read(s.getInputStream()).status());
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    public void eachRequestIsJudgedByTheRulesInForceWhenItArrives() throws IOException {
        java.util.concurrent.atomic.AtomicReference<IcapAdapter> current = new java.util.concurrent.atomic
                .AtomicReference<>(new WafAdapter(RuleSet.defaults(), false, 4096, log, Clock.systemUTC()));
        String attack = "GET http://shop.test/?q=%3Cscript%3E HTTP/1.1\r\nHost: shop.test\r\n\r\n";
        try (IcapServer swapping = IcapServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                "", current::get, 16, 2); Socket s = new Socket(InetAddress.getLoopbackAddress(), swapping.port())) {
            s.setSoTimeout(10_000);
            send(s.getOutputStream(), reqmod(attack, "Allow: 204\r\n", null));
            Response blocked = read(s.getInputStream());
            assertEquals(200, blocked.status());
            // the connection is idle, waiting for its next request, when the rules change
            current.set(new WafAdapter(RuleSet.defaults(), true, 4096, log, Clock.systemUTC()));
            send(s.getOutputStream(), reqmod(attack, "Allow: 204\r\n", null));
            Response passed = read(s.getInputStream());
            assertEquals(204, passed.status());
            assertTrue(!passed.fields().get("istag").equals(blocked.fields().get("istag")));
        }
    }

    @Test
    public void headParsingIsStrict() throws Exception {
        HttpHead h = HttpHead.parse("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nX: 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "t");
        assertEquals("GET", h.method());
        assertEquals(java.util.List.of("1", "2"), h.headers("x"));
        assertArrayEquals("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\nX: 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                h.toBytes());
        for (String bad : new String[] {"GET / HTTP/1.1\r\nHost: a\r\n", "\r\n\r\n", "GET / HTTP/1.1\r\n folded\r\n\r\n",
            "GET / HTTP/1.1\r\nnocolon\r\n\r\n"}) {
            try {
                HttpHead.parse(bad.getBytes(StandardCharsets.US_ASCII), "t");
                throw new AssertionError("accepted " + bad);
            } catch (IcapException e) {
                assertEquals(400, e.status());
            }
        }
    }
}
