package dev.berth.squid.waf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.junit.Test;

import dev.berth.squid.icap.HttpHead;
import dev.berth.squid.icap.HttpReply;
import dev.berth.squid.icap.IcapException;

public class WafTest {

    private final Waf waf = new Waf(RuleSet.defaults(), 65536);

    static HttpHead head(String text) throws IcapException {
        return HttpHead.parse((text.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1), "test");
    }

    private Optional<Match> get(String target) throws IcapException {
        return waf.request(head("GET " + target + " HTTP/1.1\nHost: shop.test\n"), new byte[0]);
    }

    private Optional<Match> post(String contentType, String body) throws IcapException {
        return waf.request(head("POST http://shop.test/form HTTP/1.1\nHost: shop.test\nContent-Type: " + contentType
                + "\nContent-Length: " + body.length() + "\n"), body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void assertRule(String id, Optional<Match> m) {
        assertTrue("expected rule " + id + " to match", m.isPresent());
        assertEquals(id, m.get().rule().id());
    }

    @Test
    public void defaultRulesBlockTheClassicAttacks() throws Exception {
        assertRule("3001", get("http://shop.test/item?id=1%20UNION%20SELECT%20password%20FROM%20users"));
        assertRule("3001", get("/item?id=1+union/**/all/**/select+1"));
        assertRule("3002", get("/login?user=admin'%20OR%20'1'='1"));
        assertRule("3003", get("/item?id=1;%20DROP%20TABLE%20users"));
        assertRule("3004", get("/item?id=1%20AND%20SLEEP(5)"));
        assertRule("3005", get("/item?q=select%20*%20from%20information_schema.tables"));
        assertRule("4001", get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E"));
        assertRule("4001", get("/search?q=%253Cscript%253E"));
        assertRule("4002", get("/search?q=%3Cimg%20src=x%20onerror=alert(1)%3E"));
        assertRule("4003", get("/go?to=javascript:alert(1)"));
        assertRule("4004", get("/x?q=%3Ciframe%20src=//evil%3E"));
        assertRule("2001", get("/static/..%2f..%2fetc/passwd"));
        assertRule("2001", get("/download?file=../../secret"));
        assertRule("5001", get("/x?q=$%7Bjndi:ldap://evil/a%7D"));
        assertRule("4001", post("application/x-www-form-urlencoded", "comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
        assertRule("4002", post("application/json", "{\"name\":\"<svg onload=alert(1)>\"}"));
        assertRule("3002", post("application/x-www-form-urlencoded", "user=x&pass=%27+or+%27a%27%3D%27a"));
        assertRule("4002", post("text/html", "&lt;img src=x onerror=alert(1)&gt;"));
    }

    @Test
    public void ordinaryTrafficPasses() throws Exception {
        assertFalse(get("http://shop.test/").isPresent());
        assertFalse(get("/search?q=union+station+opening+hours&page=2").isPresent());
        assertFalse(get("/products/select-your-size?color=red&size=M").isPresent());
        assertFalse(get("/articles/2024/how-to-write-scripts").isPresent());
        assertFalse(get("/files/report..final.pdf").isPresent());
        assertFalse(post("application/x-www-form-urlencoded", "name=O%27Brien&city=Dublin&note=1+%3C+2").isPresent());
        assertFalse(post("application/json", "{\"title\":\"Drop shipping, and more\",\"n\":1}").isPresent());
    }

    @Test
    public void methodAllowListHeaderSizeAndSmuggling() throws Exception {
        assertRule("1001", waf.request(head("TRACE http://shop.test/ HTTP/1.1\nHost: shop.test\n"), new byte[0]));
        assertRule("1002", waf.request(head("GET / HTTP/1.1\nHost: shop.test\nX-Big: " + "a".repeat(17000) + "\n"),
                new byte[0]));
        assertRule("1003", waf.request(head("POST / HTTP/1.1\nHost: shop.test\nContent-Length: 5\n"
                + "Transfer-Encoding: chunked\n"), new byte[0]));
        assertRule("1003", waf.request(head("POST / HTTP/1.1\nHost: shop.test\nContent-Length: 5\n"
                + "Content-Length: 6\n"), new byte[0]));
        assertRule("1003", waf.request(head("POST / HTTP/1.1\nHost: shop.test\nTransfer-Encoding: chunked, identity\n"),
                new byte[0]));
        assertRule("1003", waf.request(head("POST / HTTP/1.1\nHost: shop.test\nTransfer-Encoding : chunked\n"),
                new byte[0]));
        assertFalse(waf.request(head("POST / HTTP/1.1\nHost: shop.test\nTransfer-Encoding: chunked\n"), new byte[0])
                .isPresent());
    }

    @Test
    public void rulesApplyInOrderAndPerHost() throws Exception {
        RuleSet rules = RuleSet.parse("""
                # admin only from the intranet name
                10 uri admin.test,*.corp.test "admin area" ^/admin
                11 query * "secret word" (?i)swordfish
                12 response-body api.test "internal address leaked" \\b10\\.\\d+\\.\\d+\\.\\d+\\b
                """, "test");
        Waf w = new Waf(rules, 1024);
        assertEquals("10", w.request(head("GET http://admin.test/admin/x HTTP/1.1\nHost: admin.test\n"), new byte[0])
                .get().rule().id());
        assertEquals("10", w.request(head("GET http://a.b.corp.test/admin HTTP/1.1\nHost: x\n"), new byte[0])
                .get().rule().id());
        assertFalse(w.request(head("GET http://shop.test/admin HTTP/1.1\nHost: shop.test\n"), new byte[0]).isPresent());
        assertEquals("first match decides", "10", w.request(head("GET http://admin.test/admin?w=SwordFish HTTP/1.1\n"
                + "Host: admin.test\n"), new byte[0]).get().rule().id());
        assertEquals("11", w.request(head("GET http://shop.test/admin?w=SwordFish HTTP/1.1\nHost: shop.test\n"),
                new byte[0]).get().rule().id());
        HttpHead res = head("HTTP/1.1 200 OK\nContent-Type: text/plain\n");
        HttpHead api = head("GET http://api.test/ HTTP/1.1\nHost: api.test\n");
        HttpHead other = head("GET http://www.test/ HTTP/1.1\nHost: www.test\n");
        byte[] leak = "db at 10.1.2.3".getBytes(StandardCharsets.US_ASCII);
        assertEquals("12", w.response(Optional.of(api), res, leak).get().rule().id());
        assertFalse(w.response(Optional.of(other), res, leak).isPresent());
    }

    @Test
    public void gzipResponsesAreInspectedInflated() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write("<html>You have an error in your SQL syntax near 'x'</html>".getBytes(StandardCharsets.UTF_8));
        }
        HttpHead res = head("HTTP/1.1 500 Oops\nContent-Encoding: gzip\n");
        assertRule("9001", waf.response(Optional.empty(), res, out.toByteArray()));
        assertFalse(waf.response(Optional.empty(), head("HTTP/1.1 200 OK\n"), "hello".getBytes(StandardCharsets.UTF_8))
                .isPresent());
    }

    @Test
    public void badRuleFilesAreRefusedNamingTheLine() {
        for (String[] bad : new String[][] {
            {"1 uri * \"x\" (unclosed", "line 1: invalid pattern"},
            {"# c\n1 uri * \"x\" a\n1 query * \"y\" b", "line 3: rule id 1 is used twice"},
            {"1 url * \"x\" a", "line 1: unknown target url"},
            {"1 uri,method-allow * \"x\" GET", "stand alone"},
            {"1 header-size * \"x\" big", "positive number"},
            {"1 method-allow * \"x\" get", "invalid method get"},
            {"1 uri bad_host! \"x\" a", "invalid host"},
            {"1 uri * no-quotes a", "expected: id targets hosts"}}) {
            try {
                RuleSet.parse(bad[0], "f");
                fail("accepted " + bad[0]);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("f line") && e.getMessage().contains(bad[1]));
            }
        }
    }

    @Test
    public void adapterBlocksWithPageOrOnlyRecordsInDetectMode() throws Exception {
        IncidentLog log = new IncidentLog(2);
        WafAdapter block = new WafAdapter(RuleSet.defaults(), false, 65536, log, Clock.systemUTC());
        HttpHead attack = head("GET http://shop.test/?q=%3Cscript%3E HTTP/1.1\nHost: shop.test\n");
        HttpReply reply = block.request("192.0.2.7", attack, new byte[0], false).orElseThrow();
        Incident incident = log.recent(1).get(0);
        assertTrue(reply.head().startLine().startsWith("HTTP/1.1 403"));
        assertEquals(Optional.of("4001"), reply.head().header("X-Berth-Waf-Rule"));
        assertEquals(Optional.of(incident.id()), reply.head().header("X-Berth-Waf-Incident"));
        String page = new String(reply.body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("Rule: 4001") && page.contains("Incident: " + incident.id()));
        assertTrue(incident.blocked());
        assertEquals("192.0.2.7", incident.client());
        assertEquals("shop.test", incident.host());

        WafAdapter detect = new WafAdapter(RuleSet.defaults(), true, 65536, log, Clock.systemUTC());
        assertFalse(detect.request("192.0.2.8", attack, new byte[0], false).isPresent());
        assertFalse(log.recent(1).get(0).blocked());
        assertEquals(1, log.blockedCount());
        assertEquals(1, log.detectedCount());
        assertFalse(detect.istag().equals(block.istag()));
        detect.request("192.0.2.9", attack, new byte[0], false);
        assertEquals("only the newest are kept", 2, log.recent(10).size());
        assertEquals("192.0.2.9", log.recent(10).get(0).client());
    }
}
