package dev.berth.dns.internal;

import static dev.berth.dns.internal.Client.answer;
import static dev.berth.dns.internal.Client.section;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsException;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsZone;
import dev.berth.dns.api.QueryResult;
import dev.berth.dns.api.RecordOrigin;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.testing.Deadline;

/** The server on loopback, queried over UDP and TCP, IPv4 and IPv6, as clients would. */
public class DnsServerTest {

    private DnsService dns;
    private Client v4;
    private Client v6;

    @Before
    public void start() {
        dns = new DnsService(TestConfig.settings(Map.of("listen_addresses", new String[] {"127.0.0.1, ::1"},
                "recursion_clients", new String[] {"192.0.2.0/24"}, "transfer_peers", new String[] {"::1/128"})));
        List<InetSocketAddress> listening = dns.listening();
        assertEquals(2, listening.size());
        v4 = new Client(listening.get(0));
        v6 = new Client(listening.get(1));
        dns.publishNetwork(new DnsNetwork("n1", "front", List.of(IpPrefix.parse("198.18.0.0/24"),
                IpPrefix.parse("fd00:b::/64")), List.of()));
        dns.publishEndpoint(new DnsEndpoint("ep1", "front", "c1", "web-1", List.of("www"),
                List.of(IpPrefix.parseAddress("198.18.0.10"), IpPrefix.parseAddress("fd00:b::a"))));
    }

    @After
    public void stop() {
        dns.close();
    }

    @Test
    public void answersAAndAaaaOverUdpAndTcpOnIpv4AndIpv6() throws Exception {
        for (Client c : List.of(v4, v6)) {
            for (boolean tcp : new boolean[] {false, true}) {
                Message m = c.ask("web-1.front.berth.internal.", Type.A, tcp, true);
                assertEquals(Rcode.NOERROR, m.getRcode());
                assertTrue(m.getHeader().getFlag(Flags.AA));
                assertEquals(List.of("web-1.front.berth.internal. 10 IN A 198.18.0.10"), answer(m));
                assertEquals(List.of("web-1.berth.internal. 10 IN AAAA fd00:b:0:0:0:0:0:a"),
                        answer(c.ask("web-1.berth.internal.", Type.AAAA, tcp, false)));
            }
        }
        assertEquals(List.of("www.front.berth.internal. 10 IN A 198.18.0.10"),
                answer(v4.ask("www.front.berth.internal.", Type.A)));
    }

    @Test
    public void answersPtrForIpv4AndIpv6() throws Exception {
        assertEquals(List.of("10.0.18.198.in-addr.arpa. 10 IN PTR web-1.front.berth.internal."),
                answer(v4.ask("10.0.18.198.in-addr.arpa.", Type.PTR)));
        Message m = v4.ask(ReverseZones.nameOf(IpPrefix.parseAddress("fd00:b::a")).toString(), Type.PTR);
        assertTrue(m.getHeader().getFlag(Flags.AA));
        assertEquals(1, answer(m).size());
        assertTrue(answer(m).get(0).endsWith("PTR web-1.front.berth.internal."));
        // an address of the subnet without a container: the zone is ours, the name does not exist
        m = v4.ask("99.0.18.198.in-addr.arpa.", Type.PTR);
        assertEquals(Rcode.NXDOMAIN, m.getRcode());
        assertEquals(Type.SOA, m.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    public void namesAreCaseInsensitiveAndTheQuestionKeepsTheClientsCase() throws Exception {
        Message m = v4.ask("WeB-1.FRONT.Berth.Internal.", Type.A);
        // the owner name is compressed into a pointer to the question, as other servers do
        assertEquals(List.of("web-1.front.berth.internal. 10 in a 198.18.0.10"),
                answer(m).stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList());
        assertEquals("WeB-1.FRONT.Berth.Internal.", m.getQuestion().getName().toString());
    }

    @Test
    public void nxdomainForMissingNamesAndNodataForNamesWithoutTheType() throws Exception {
        Message missing = v4.ask("nobody.berth.internal.", Type.A);
        assertEquals(Rcode.NXDOMAIN, missing.getRcode());
        assertTrue(missing.getHeader().getFlag(Flags.AA));
        Record soa = missing.getSection(Section.AUTHORITY).get(0);
        assertEquals(Type.SOA, soa.getType());
        assertEquals("negative TTL: min(SOA TTL, minimum)", 5, soa.getTTL());

        Message nodata = v4.ask("web-1.berth.internal.", Type.TXT);
        assertEquals(Rcode.NOERROR, nodata.getRcode());
        assertTrue(answer(nodata).isEmpty());
        assertEquals(Type.SOA, nodata.getSection(Section.AUTHORITY).get(0).getType());

        // an empty non-terminal exists: front.berth.internal. has names below it only
        Message nonTerminal = v4.ask("front.berth.internal.", Type.A);
        assertEquals(Rcode.NOERROR, nonTerminal.getRcode());
        assertTrue(answer(nonTerminal).isEmpty());
    }

    @Test
    public void soaAndNsAtEveryZoneApex() throws Exception {
        for (String zone : List.of("berth.internal.", "0.18.198.in-addr.arpa.")) {
            Message soa = v4.ask(zone, Type.SOA);
            assertEquals(1, answer(soa).size());
            assertTrue(answer(soa).get(0),
                    answer(soa).get(0).contains("SOA ns.berth.internal. hostmaster.berth.internal."));
            Message ns = v4.ask(zone, Type.NS);
            assertEquals(List.of(zone + " 10 IN NS ns.berth.internal."), answer(ns));
            assertEquals("the name server's address comes along", List.of("ns.berth.internal. 10 IN A 127.0.0.1",
                    "ns.berth.internal. 10 IN AAAA 0:0:0:0:0:0:0:1"), section(ns, Section.ADDITIONAL));
        }
    }

    @Test
    public void srvRecordsListEveryProviderWithTheirAddresses() throws Exception {
        dns.publishEndpoint(new DnsEndpoint("ep2", "front", "c2", "web-2", List.of(),
                List.of(IpPrefix.parseAddress("198.18.0.11"))));
        assertEquals(List.of(), dns.publishLabels(new ContainerLabels("c1", "web-1",
                Map.of("berth.dns.srv.http", "_http._tcp 8080", "com.docker.compose.service", "web"))));
        assertEquals(List.of(), dns.publishLabels(new ContainerLabels("c2", "web-2",
                Map.of("berth.dns.srv.http", "_http._tcp 8080 weight=20", "com.docker.compose.service", "web"))));
        Message m = v4.ask("_http._tcp.web.berth.internal.", Type.SRV);
        assertEquals(List.of("_http._tcp.web.berth.internal. 10 IN SRV 10 10 8080 web-1.berth.internal.",
                "_http._tcp.web.berth.internal. 10 IN SRV 10 20 8080 web-2.berth.internal."), answer(m).stream()
                        .sorted().toList());
        List<String> additional = section(m, Section.ADDITIONAL);
        assertTrue(additional.toString(), additional.contains("web-1.berth.internal. 10 IN A 198.18.0.10"));
        assertTrue(additional.toString(), additional.contains("web-1.berth.internal. 10 IN AAAA fd00:b:0:0:0:0:0:a"));
        assertTrue(additional.toString(), additional.contains("web-2.berth.internal. 10 IN A 198.18.0.11"));
    }

    @Test
    public void labelRecordsAppearAndDisappearAtOnce() throws Exception {
        List<?> problems = dns.publishLabels(new ContainerLabels("c1", "web-1", Map.of(
                "berth.dns.txt.info", "web-1 owner=team-a", "berth.dns.a.alias", "shop",
                "berth.dns.cname.blog", "blog shop", "berth.dns.srv.bad", "_x 1")));
        assertEquals(1, problems.size());
        assertEquals(List.of("web-1.berth.internal. 10 IN TXT \"owner=team-a\""),
                answer(v4.ask("web-1.berth.internal.", Type.TXT)));
        assertEquals(List.of("blog.berth.internal. 10 IN CNAME shop.berth.internal.",
                "shop.berth.internal. 10 IN A 198.18.0.10"), answer(v4.ask("blog.berth.internal.", Type.A)));
        dns.withdrawLabels("c1");
        assertEquals(Rcode.NXDOMAIN, v4.ask("shop.berth.internal.", Type.A).getRcode());
        dns.withdrawEndpoint("ep1");
        assertEquals(Rcode.NXDOMAIN, v4.ask("web-1.berth.internal.", Type.A).getRcode());
        assertEquals(Rcode.NXDOMAIN, v4.ask("10.0.18.198.in-addr.arpa.", Type.PTR).getRcode());
    }

    @Test
    public void labelAddressesFollowTheContainersEndpoints() throws Exception {
        dns.publishLabels(new ContainerLabels("c1", "web-1", Map.of("berth.dns.a", "shop")));
        dns.publishEndpoint(new DnsEndpoint("ep1b", "back", "c1", "web-1", List.of(),
                List.of(IpPrefix.parseAddress("198.18.1.10"))));
        assertEquals(List.of("shop.berth.internal. 10 IN A 198.18.0.10", "shop.berth.internal. 10 IN A 198.18.1.10"),
                answer(v4.ask("shop.berth.internal.", Type.A)).stream().sorted().toList());
        dns.withdrawEndpoint("ep1");
        assertEquals(List.of("shop.berth.internal. 10 IN A 198.18.1.10"),
                answer(v4.ask("shop.berth.internal.", Type.A)));
    }

    @Test
    public void staticRecordsAreServedAndListedWithTheirOrigin() throws Exception {
        dns.addStaticRecord(DnsRecord.of("api", "CNAME", 60, "web-1"));
        dns.addStaticRecord(DnsRecord.of("_ldap._tcp", "SRV", 60, "0 0 389 ldap.example.org."));
        assertEquals(List.of("api.berth.internal. 60 IN CNAME web-1.berth.internal.",
                "web-1.berth.internal. 10 IN A 198.18.0.10"), answer(v4.ask("api.berth.internal.", Type.A)));
        List<DnsRecord> records = dns.records("Berth.Internal");
        assertEquals(RecordOrigin.ZONE, records.get(0).origin());
        assertEquals("SOA", records.get(0).type());
        assertTrue(records.contains(new DnsRecord("api.berth.internal.", "CNAME", 60, "web-1.berth.internal.",
                RecordOrigin.STATIC, "")));
        assertTrue(records.contains(new DnsRecord("web-1.berth.internal.", "AAAA", 10, "fd00:b::a", RecordOrigin.AUTO,
                "ep1")));
        assertEquals(1, dns.removeStaticRecords("api", "cname", ""));
        assertEquals(Rcode.NXDOMAIN, v4.ask("api.berth.internal.", Type.A).getRcode());
        assertEquals(0, dns.removeStaticRecords("_ldap._tcp", "SRV", "0 0 390 ldap.example.org."));
        assertEquals(1, dns.removeStaticRecords("_ldap._tcp", "SRV", "0 0 389 ldap.example.org."));
    }

    @Test
    public void wrongStaticRecordsAreRefusedWithTheReason() {
        assertTrue(assertThrows(DnsException.class, () -> dns.addStaticRecord(DnsRecord.of("www.example.org.", "A",
                60, "192.0.2.1"))).getMessage().contains("in no zone this server serves"));
        assertTrue(assertThrows(DnsException.class, () -> dns.addStaticRecord(DnsRecord.of("www", "A", 60,
                "fd00::1"))).getMessage().contains("not valid A data"));
        assertTrue(assertThrows(DnsException.class, () -> dns.addStaticRecord(DnsRecord.of("www", "SOA", 60,
                "x"))).getMessage().contains("cannot be added"));
        assertTrue(assertThrows(DnsException.class, () -> dns.addStaticRecord(DnsRecord.of("web-1", "CNAME", 60,
                "x"))).getMessage().contains("cannot share"));
    }

    @Test
    public void zonesListTheInternalZoneAndOneReverseZonePerSubnet() {
        List<DnsZone> zones = dns.zones();
        assertEquals(List.of("berth.internal.", "0.18.198.in-addr.arpa.", "0.0.0.0.0.0.0.0.b.0.0.0.0.0.d.f.ip6.arpa."),
                zones.stream().map(DnsZone::name).toList());
        assertEquals(List.of("front"), zones.get(1).networks());
        dns.withdrawNetwork("n1");
        assertEquals(List.of("berth.internal."), dns.zones().stream().map(DnsZone::name).toList());
    }

    @Test
    public void ednsIsAnsweredWithOurPayloadSizeAndBadVersionsAreRejected() throws Exception {
        Message m = v4.ask("web-1.berth.internal.", Type.A, false, true);
        OPTRecord opt = m.getOPT();
        assertNotNull(opt);
        assertEquals(1232, opt.getPayloadSize());
        assertEquals(null, v4.ask("web-1.berth.internal.", Type.A, false, false).getOPT());

        Message query = Message.newQuery(Record.newRecord(Name.fromString("web-1.berth.internal."), Type.A, DClass.IN));
        query.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
        Message bad = v4.send(query, false, false);
        assertEquals(Rcode.BADVERS, bad.getRcode());
    }

    @Test
    public void truncatesOverUdpAndAnswersInFullOverTcp() throws Exception {
        for (int i = 0; i < 60; i++) {
            dns.addStaticRecord(DnsRecord.of("many", "A", 60, "192.0.2." + i));
        }
        Message plain = v4.ask("many.berth.internal.", Type.A, false, false);
        assertTrue(plain.getHeader().getFlag(Flags.TC));
        assertTrue(plain.numBytes() <= 512);
        Message edns = v4.ask("many.berth.internal.", Type.A, false, true);
        assertFalse("60 A records fit in 1232 bytes", edns.getHeader().getFlag(Flags.TC));
        for (int i = 60; i < 120; i++) {
            dns.addStaticRecord(DnsRecord.of("many", "A", 60, "192.0.2." + i));
        }
        assertTrue(v4.ask("many.berth.internal.", Type.A, false, true).getHeader().getFlag(Flags.TC));
        Message tcp = v4.ask("many.berth.internal.", Type.A, true, true);
        assertFalse(tcp.getHeader().getFlag(Flags.TC));
        assertEquals(120, answer(tcp).size());
    }

    @Test
    public void zoneTransfersOnlyToPeers() throws Exception {
        org.xbill.DNS.ZoneTransferIn refused = org.xbill.DNS.ZoneTransferIn.newAXFR(
                Name.fromString("berth.internal."), dns.listening().get(0), null);
        assertTrue(assertThrows(org.xbill.DNS.ZoneTransferException.class, refused::run).getMessage()
                .contains("REFUSED"));
        org.xbill.DNS.ZoneTransferIn xfr = org.xbill.DNS.ZoneTransferIn.newAXFR(Name.fromString("berth.internal."),
                dns.listening().get(1), null);
        xfr.run();
        List<String> records = xfr.getAXFR().stream().map(r -> r.toString().replaceAll("\\s+", " ")).toList();
        assertEquals(Type.SOA, xfr.getAXFR().get(0).getType());
        assertEquals(Type.SOA, xfr.getAXFR().get(records.size() - 1).getType());
        assertTrue(records.toString(), records.contains("web-1.front.berth.internal. 10 IN A 198.18.0.10"));
        Message overUdp = Message.newQuery(Record.newRecord(Name.fromString("berth.internal."), Type.AXFR, DClass.IN));
        assertEquals(Rcode.FORMERR, new Raw(dns.listening().get(1)).udp(overUdp.toWire()).getRcode());
    }

    @Test
    public void otherNamesAreRefusedToClientsWithoutRecursion() throws Exception {
        Message m = v4.ask("example.org.", Type.A);
        assertEquals(Rcode.REFUSED, m.getRcode());
        assertFalse(m.getHeader().getFlag(Flags.RA));
    }

    @Test
    public void otherOpcodesAndClassesAreRefused() throws Exception {
        Message notify = Message.newQuery(Record.newRecord(Name.fromString("berth.internal."), Type.SOA, DClass.IN));
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertEquals(Rcode.NOTIMP, v4.send(notify, false, false).getRcode());
        Message chaos = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
        assertEquals(Rcode.REFUSED, v4.send(chaos, false, false).getRcode());
    }

    @Test
    public void recordsAppearWithinASecondOfPublishing() throws Exception {
        dns.publishEndpoint(new DnsEndpoint("ep9", "front", "c9", "late", List.of(),
                List.of(IpPrefix.parseAddress("198.18.0.99"))));
        Deadline.await("late.berth.internal to resolve", Duration.ofSeconds(1),
                () -> answer(v4.ask("late.berth.internal.", Type.A)), a -> a.size() == 1);
        dns.withdrawEndpoint("ep9");
        Deadline.await("late.berth.internal to vanish", Duration.ofSeconds(1),
                () -> v4.ask("late.berth.internal.", Type.A).getRcode(), r -> r == Rcode.NXDOMAIN);
    }

    @Test
    public void theConsoleQueryAsksTheServerOverTheNetwork() {
        QueryResult r = dns.query("web-1.berth.internal", "AAAA", false);
        assertEquals("NOERROR", r.rcode());
        assertTrue(r.authoritative());
        assertEquals(List.of(new DnsRecord("web-1.berth.internal.", "AAAA", 10, "fd00:b::a", RecordOrigin.RESPONSE,
                "")), r.answer());
        assertEquals(dns.listening().get(0), r.server());
        assertEquals(new ArrayList<>(List.of("NXDOMAIN")), List.of(dns.query("x.berth.internal", "A", true).rcode()));
    }
}
