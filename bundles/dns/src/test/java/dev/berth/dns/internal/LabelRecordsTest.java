package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.LabelProblem;
import dev.berth.ipam.api.IpPrefix;

public class LabelRecordsTest {

    private static final Name ZONE = Name.fromConstantString("berth.internal.");
    private static final List<java.net.InetAddress> OWN = List.of(IpPrefix.parseAddress("198.18.0.10"),
            IpPrefix.parseAddress("fd00:b::a"));

    private static LabelRecords.Parsed parse(Map<String, String> labels) {
        return LabelRecords.parse(new ContainerLabels("c0ffee", "web-1", labels), OWN, ZONE, 10);
    }

    private static List<String> records(Map<String, String> labels) {
        LabelRecords.Parsed parsed = parse(labels);
        assertEquals(List.of(), parsed.problems());
        return parsed.all().stream().map(Record::toString).map(s -> s.replaceAll("\\s+", " ")).toList();
    }

    private static String problem(String key, String value) {
        LabelRecords.Parsed parsed = parse(Map.of(key, value, "berth.dns.txt.ok", "fine still here"));
        assertEquals("the other label still yields its record", 1, parsed.all().size());
        assertEquals(1, parsed.problems().size());
        LabelProblem p = parsed.problems().get(0);
        assertEquals(key, p.label());
        assertEquals(value, p.value());
        return p.message();
    }

    @Test
    public void addressRecordsWithGivenAddressesOrTheContainersOwn() {
        assertEquals(List.of("www.berth.internal. 10 IN A 198.18.0.10"), records(Map.of("berth.dns.a.www", "www")));
        assertEquals(List.of("www.berth.internal. 60 IN AAAA fd00:b:0:0:0:0:0:a"),
                records(Map.of("berth.dns.aaaa", "www ttl=60")));
        assertEquals(List.of("api.berth.internal. 10 IN A 192.0.2.1", "api.berth.internal. 10 IN A 192.0.2.2"),
                records(Map.of("berth.dns.a.api", "API 192.0.2.1 192.0.2.2")));
        assertEquals(List.of("berth.internal. 10 IN A 192.0.2.1"), records(Map.of("berth.dns.a", "@ 192.0.2.1")));
        assertEquals(List.of("x.y.berth.internal. 10 IN A 192.0.2.1"),
                records(Map.of("berth.dns.a", "x.y.berth.internal. 192.0.2.1")));
    }

    @Test
    public void cnameTxtAndSrvRecords() {
        assertEquals(List.of("blog.berth.internal. 10 IN CNAME web-1.berth.internal."),
                records(Map.of("berth.dns.cname.blog", "blog web-1")));
        assertEquals(List.of("out.berth.internal. 300 IN CNAME example.org."),
                records(Map.of("berth.dns.cname.out", "out example.org. ttl=300")));
        assertEquals(List.of("web-1.berth.internal. 10 IN TXT \"v=1; path=C:\\\\x\""),
                records(Map.of("berth.dns.txt", "web-1 v=1; path=C:\\x")));
        assertEquals(List.of("_http._tcp.web.berth.internal. 10 IN SRV 10 10 8080 web-1.berth.internal."),
                records(Map.of("berth.dns.srv.http", "_http._tcp.web 8080")));
        assertEquals(List.of("_db._tcp.pg.berth.internal. 30 IN SRV 1 5 5432 pg-main.berth.internal."),
                records(Map.of("berth.dns.srv", "_db._tcp.pg 5432 priority=1 weight=5 target=pg-main ttl=30")));
    }

    @Test
    public void srvWithoutNameUsesTheComposeServiceOrTheContainerName() {
        assertEquals(List.of("_http._tcp.web-1.berth.internal. 10 IN SRV 10 10 80 web-1.berth.internal."),
                records(Map.of("berth.dns.srv.http", "_http._tcp 80")));
        assertEquals(List.of("_http._tcp.frontend.berth.internal. 10 IN SRV 10 10 80 web-1.berth.internal."),
                records(Map.of("berth.dns.srv.http", "_http._tcp 80", "com.docker.compose.service", "frontend")));
    }

    @Test
    public void longTextIsSplitIntoStringsOf255Bytes() {
        String text = "x".repeat(600);
        String record = records(Map.of("berth.dns.txt.long", "t " + text)).get(0);
        assertTrue(record, record.endsWith("\"" + "x".repeat(255) + "\" \"" + "x".repeat(255) + "\" \""
                + "x".repeat(90) + "\""));
    }

    @Test
    public void otherLabelsAreIgnored() {
        assertEquals(List.of(), records(Map.of("com.example.a", "www", "berth.egress", "internet")));
    }

    @Test
    public void wrongLabelsAreReportedWithTheReason() {
        assertTrue(problem("berth.dns.mx.mail", "mail 10 mx").contains("unknown record type 'mx'"));
        assertTrue(problem("berth.dns.a.x", "www 198.18.0.256").contains("not an IPv4 address"));
        assertTrue(problem("berth.dns.a.x", "www fd00::1").contains("use berth.dns.aaaa"));
        assertTrue(problem("berth.dns.aaaa.x", "www 198.18.0.1").contains("use berth.dns.a"));
        assertTrue(problem("berth.dns.a.x", "w_w$w 198.18.0.1").contains("character '$'"));
        assertTrue(problem("berth.dns.a.x", "www.example.org. 198.18.0.1").contains("not in zone berth.internal."));
        assertTrue(problem("berth.dns.a.x", "").contains("empty"));
        assertTrue(problem("berth.dns.a.x", "www ttl=x").contains("ttl 'x' is not a number"));
        assertTrue(problem("berth.dns.a.x", "www ttl=1 ttl=2").contains("given twice"));
        assertTrue(problem("berth.dns.cname.x", "www").contains("<name> <target>"));
        assertTrue(problem("berth.dns.cname.x", "@ web-1").contains("zone apex"));
        assertTrue(problem("berth.dns.txt.x", "www").contains("<name> <text>"));
        assertTrue(problem("berth.dns.srv.x", "_http._tcp.web").contains("<port>"));
        assertTrue(problem("berth.dns.srv.x", "http.tcp.web 80").contains("_<service>._<proto>"));
        assertTrue(problem("berth.dns.srv.x", "_http._tcp.web 80000").contains("port 80000 is outside 0-65535"));
        assertTrue(problem("berth.dns.srv.x", "_http._tcp.web 80 prio=1").contains("options here are priority="));
        assertTrue(problem("berth.dns.srv.x", "_http._tcp.web 80 weight=-1").contains("weight '-1'"));
        assertTrue(problem("berth.dns.a.", "www").contains("ends with a dot"));
    }

    @Test
    public void aCnameCannotShareItsNameWithOtherRecordsOrAnotherCname() {
        LabelRecords.Parsed parsed = parse(Map.of("berth.dns.cname.a", "www web-1", "berth.dns.txt.b", "www hello"));
        assertEquals(1, parsed.problems().size());
        assertEquals("berth.dns.cname.a", parsed.problems().get(0).label());
        assertTrue(parsed.problems().get(0).message().contains("cannot share"));
        parsed = parse(Map.of("berth.dns.cname.a", "www web-1", "berth.dns.cname.b", "www web-2"));
        assertEquals(1, parsed.all().size());
        assertEquals("berth.dns.cname.b", parsed.problems().get(0).label());
    }
}
