package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

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
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import dev.berth.dns.api.DnsEndpoint;
import dev.berth.ipam.api.IpPrefix;

/** Rendered answers are reused only where they are the same answer, made the asker's own. */
public class AnswerCacheTest {

    private DnsService dns;
    private Client v4;
    private Client v6;

    @Before
    public void start() {
        dns = new DnsService(TestConfig.settings(Map.of("listen_addresses", new String[] {"127.0.0.1", "::1"},
                "recursion_clients", new String[] {"127.0.0.0/8"})));
        v4 = new Client(dns.listening().get(0));
        v6 = new Client(dns.listening().get(1));
        dns.publishEndpoint(new DnsEndpoint("ep1", "net", "c1", "web", List.of(),
                List.of(IpPrefix.parseAddress("198.18.0.10"))));
    }

    @After
    public void stop() {
        dns.close();
    }

    @Test
    public void onlyPlainQueriesAreRead() throws Exception {
        byte[] plain = Message.newQuery(Record.newRecord(Name.fromString("Web.Berth.Internal."), Type.A, DClass.IN))
                .toWire();
        AnswerCache.Question q = AnswerCache.read(plain, plain.length, 1232, false);
        assertNotNull(q);
        assertEquals(AnswerCache.read(lower(plain), plain.length, 1232, false).key(), q.key());
        assertNull("a truncated one", AnswerCache.read(plain, plain.length - 1, 1232, false));
        byte[] response = plain.clone();
        response[2] |= (byte) 0x80;
        assertNull("a response", AnswerCache.read(response, response.length, 1232, false));
        Message withOpt = Message.newQuery(Record.newRecord(Name.fromString("web.berth.internal."), Type.A, DClass.IN));
        withOpt.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        byte[] edns = withOpt.toWire();
        AnswerCache.Question e = AnswerCache.read(edns, edns.length, 1232, false);
        assertNotNull(e);
        assertFalse("EDNS and plain answers differ", e.key().equals(q.key()));
        assertFalse("UDP and TCP answers differ", AnswerCache.read(edns, edns.length, 1232, true).key()
                .equals(e.key()));
    }

    private static byte[] lower(byte[] b) {
        byte[] l = b.clone();
        for (int i = 12; i < l.length - 4; i++) {
            if (l[i] >= 'A' && l[i] <= 'Z') {
                l[i] += 32;
            }
        }
        return l;
    }

    @Test
    public void aHitKeepsTheAskersIdCaseAndFlags() throws Exception {
        Message first = v4.ask("web.berth.internal.", Type.A, false, false);
        assertTrue(first.getHeader().getFlag(Flags.RA));
        Message second = v6.ask("WEB.berth.INTERNAL.", Type.A, false, false);
        assertEquals("WEB.berth.INTERNAL.", second.getQuestion().getName().toString());
        assertFalse("::1 may not recurse here", second.getHeader().getFlag(Flags.RA));
        assertTrue(second.getHeader().getFlag(Flags.AA));
        assertEquals(1, second.getSection(Section.ANSWER).size());

        Message noRd = Message.newQuery(Record.newRecord(Name.fromString("web.berth.internal."), Type.A, DClass.IN));
        noRd.getHeader().unsetFlag(Flags.RD);
        noRd.getHeader().setFlag(Flags.CD);
        Message third = v4.send(noRd, false, false);
        assertFalse(third.getHeader().getFlag(Flags.RD));
        assertTrue(third.getHeader().getFlag(Flags.CD));
        assertEquals(noRd.getHeader().getID(), third.getHeader().getID());
    }

    @Test
    public void aChangeMakesEveryAnswerStale() throws Exception {
        assertEquals(Rcode.NXDOMAIN, v4.ask("late.berth.internal.", Type.A).getRcode());
        long serial = ((org.xbill.DNS.SOARecord) v4.ask("late.berth.internal.", Type.A)
                .getSection(Section.AUTHORITY).get(0)).getSerial();
        dns.publishEndpoint(new DnsEndpoint("ep2", "net", "c2", "late", List.of(),
                List.of(IpPrefix.parseAddress("198.18.0.11"))));
        assertEquals(Rcode.NOERROR, v4.ask("late.berth.internal.", Type.A).getRcode());
        dns.withdrawEndpoint("ep2");
        Message gone = v4.ask("late.berth.internal.", Type.A);
        assertEquals(Rcode.NXDOMAIN, gone.getRcode());
        assertTrue("the SOA serial moved on", ((org.xbill.DNS.SOARecord) gone.getSection(Section.AUTHORITY).get(0))
                .getSerial() > serial);
    }
}
