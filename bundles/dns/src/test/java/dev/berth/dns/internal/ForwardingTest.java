package dev.berth.dns.internal;

import static dev.berth.dns.internal.Client.answer;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import dev.berth.dns.api.DnsRecord;
import dev.berth.ipam.api.IpPrefix;

/** Names outside Berth's zones go to the upstream resolver, here a fake one on loopback. */
public class ForwardingTest {

    private FakeUpstream upstream;
    private DnsService dns;
    private Client client;

    @Before
    public void start() throws Exception {
        upstream = new FakeUpstream(query -> {
            Name name = query.getQuestion().getName();
            Message r = new Message();
            switch (name.toString()) {
                case "www.example.test." -> r.addRecord(new ARecord(name, DClass.IN, 300,
                        IpPrefix.parseAddress("192.0.2.80")), Section.ANSWER);
                case "missing.example.test." -> {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                    r.addRecord(new SOARecord(Name.fromConstantString("example.test."), DClass.IN, 600,
                            Name.fromConstantString("ns.example.test."), Name.fromConstantString("h.example.test."),
                            1, 1, 1, 1, 60), Section.AUTHORITY);
                }
                case "broken.example.test." -> r.getHeader().setRcode(Rcode.SERVFAIL);
                default -> {
                    return null;
                }
            }
            return r;
        });
        dns = new DnsService(TestConfig.settings(Map.of("forwarders",
                new String[] {"127.0.0.1:" + upstream.address().getPort()}, "forward_timeout_ms", 500)));
        client = new Client(dns.listening().get(0));
    }

    @After
    public void stop() {
        dns.close();
        upstream.close();
    }

    @Test
    public void forwardsAndCachesWithinTheTtl() throws Exception {
        Message first = client.ask("www.example.test.", Type.A);
        assertEquals(Rcode.NOERROR, first.getRcode());
        assertTrue(first.getHeader().getFlag(Flags.RA));
        assertFalse(first.getHeader().getFlag(Flags.AA));
        assertEquals(List.of("www.example.test. 300 IN A 192.0.2.80"), answer(first));
        Message second = client.ask("WWW.example.test.", Type.A);
        assertEquals(1, second.getSection(Section.ANSWER).size());
        assertTrue(second.getSection(Section.ANSWER).get(0).getTTL() <= 300);
        assertEquals("the second answer came from the cache", 1, upstream.asked("www.example.test."));
    }

    @Test
    public void nxdomainPassesThroughAndIsCachedForItsNegativeTtl() throws Exception {
        Message m = client.ask("missing.example.test.", Type.A);
        assertEquals(Rcode.NXDOMAIN, m.getRcode());
        assertEquals(Type.SOA, m.getSection(Section.AUTHORITY).get(0).getType());
        assertEquals(Rcode.NXDOMAIN, client.ask("missing.example.test.", Type.A).getRcode());
        assertEquals(1, upstream.asked("missing.example.test."));
    }

    @Test
    public void servfailPassesThroughAndIsNotCached() throws Exception {
        assertEquals(Rcode.SERVFAIL, client.ask("broken.example.test.", Type.A).getRcode());
        assertEquals(Rcode.SERVFAIL, client.ask("broken.example.test.", Type.A).getRcode());
        assertEquals(2, upstream.asked("broken.example.test."));
    }

    @Test
    public void aSilentUpstreamMeansServfail() throws Exception {
        assertEquals(Rcode.SERVFAIL, client.ask("silent.example.test.", Type.A).getRcode());
        assertTrue(upstream.asked("silent.example.test.") >= 1);
    }

    @Test
    public void noUpstreamAtAllMeansServfail() throws Exception {
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedPort = s.getLocalPort();
        }
        DnsService lonely = new DnsService(TestConfig.settings(Map.of("forwarders",
                new String[] {"127.0.0.1:" + closedPort}, "forward_timeout_ms", 500)));
        try {
            assertEquals(Rcode.SERVFAIL, new Client(lonely.listening().get(0)).ask("www.example.test.", Type.A)
                    .getRcode());
        } finally {
            lonely.close();
        }
    }

    @Test
    public void aCnameLeavingBerthsZonesIsFollowedForRecursiveClients() throws Exception {
        dns.addStaticRecord(DnsRecord.of("out", "CNAME", 60, "www.example.test."));
        dns.addStaticRecord(DnsRecord.of("lost", "CNAME", 60, "missing.example.test."));
        Message m = client.ask("out.berth.internal.", Type.A);
        assertEquals(List.of("out.berth.internal. 60 IN CNAME www.example.test.",
                "www.example.test. 300 IN A 192.0.2.80"), answer(m));
        assertFalse(m.getHeader().getFlag(Flags.AA));
        assertEquals(Rcode.NXDOMAIN, client.ask("lost.berth.internal.", Type.A).getRcode());

        Message norecurse = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("out.berth.internal."),
                Type.A, DClass.IN));
        norecurse.getHeader().unsetFlag(Flags.RD);
        Message authoritative = client.send(norecurse, false, false);
        assertEquals(List.of("out.berth.internal. 60 IN CNAME www.example.test."), answer(authoritative));
        assertTrue(authoritative.getHeader().getFlag(Flags.AA));
    }

    @Test
    public void berthsOwnZoneIsNeverForwarded() throws Exception {
        assertEquals(Rcode.NXDOMAIN, client.ask("www.berth.internal.", Type.A).getRcode());
        assertEquals(0, upstream.asked("www.berth.internal."));
    }

    @Test
    public void queriesWithoutRecursionDesiredAreNotForwarded() throws Exception {
        Message q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("www.example.test."), Type.A,
                DClass.IN));
        q.getHeader().unsetFlag(Flags.RD);
        assertEquals(Rcode.REFUSED, client.send(q, false, false).getRcode());
        assertEquals(0, upstream.asked("www.example.test."));
    }
}
