package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import dev.berth.dns.api.DnsEndpoint;
import dev.berth.ipam.api.IpPrefix;

/** Truncated, oversized and garbage packets get FORMERR or nothing, and the server keeps answering. */
public class RobustnessTest {

    private DnsService dns;
    private InetSocketAddress server;
    private Raw raw;

    @Before
    public void start() {
        dns = new DnsService(TestConfig.settings(Map.of("tcp_idle_timeout_ms", 1000)));
        dns.publishEndpoint(new DnsEndpoint("ep1", "net", "c1", "web", List.of(),
                List.of(IpPrefix.parseAddress("198.18.0.10"))));
        server = dns.listening().get(0);
        raw = new Raw(server);
    }

    @After
    public void stop() {
        dns.close();
    }

    private byte[] query() throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString("web.berth.internal."), Type.A, DClass.IN));
        q.getHeader().setID(0x1234);
        return q.toWire();
    }

    private void stillAnswers() throws Exception {
        Message m = new Client(server).ask("web.berth.internal.", Type.A, false, true);
        assertEquals(Rcode.NOERROR, m.getRcode());
        assertEquals(1, Client.answer(m).size());
        assertEquals(List.of("web.berth.internal. 10 IN A 198.18.0.10"),
                Client.answer(new Client(server).ask("web.berth.internal.", Type.A, true, false)));
    }

    @Test
    public void packetsTooShortForAHeaderAreIgnored() throws Exception {
        for (int length : new int[] {0, 1, 2, 11}) {
            assertNull(raw.udpBytes(new byte[length], 200));
        }
        stillAnswers();
    }

    @Test
    public void truncatedQueriesGetFormerrWithTheirId() throws Exception {
        byte[] q = query();
        for (int cut = 12; cut < q.length; cut += 3) {
            byte[] answer = raw.udpBytes(java.util.Arrays.copyOf(q, cut), 2000);
            assertNotNull("no answer to a query cut at " + cut, answer);
            Message m = new Message(answer);
            assertEquals(0x1234, m.getHeader().getID());
            assertEquals(Rcode.FORMERR, m.getRcode());
        }
        stillAnswers();
    }

    @Test
    public void absurdCountsAndOversizedPacketsGetFormerr() throws Exception {
        byte[] q = query();
        q[5] = (byte) 200; // 200 questions
        assertEquals(Rcode.FORMERR, new Message(raw.udpBytes(q, 2000)).getRcode());
        q = query();
        q[10] = (byte) 0xff; // 65,000 additional records
        q[11] = (byte) 0xe8;
        assertEquals(Rcode.FORMERR, new Message(raw.udpBytes(q, 2000)).getRcode());
        byte[] big = java.util.Arrays.copyOf(query(), 65_000);
        Message m = new Message(raw.udpBytes(big, 2000));
        assertTrue("trailing garbage after a whole query is tolerated or refused, never fatal",
                m.getRcode() == Rcode.NOERROR || m.getRcode() == Rcode.FORMERR);
        stillAnswers();
    }

    @Test
    public void compressionLoopsAndResponsesAreHandled() throws Exception {
        byte[] loop = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01};
        assertEquals(Rcode.FORMERR, new Message(raw.udpBytes(loop, 2000)).getRcode());
        byte[] response = query();
        response[2] |= (byte) 0x80;
        assertNull("a response is never answered: no reflection loops", raw.udpBytes(response, 300));
        stillAnswers();
    }

    @Test
    public void randomGarbageNeverStopsTheServer() throws Exception {
        Random random = new Random(53);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(600)];
            random.nextBytes(junk);
            try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
                s.send(new java.net.DatagramPacket(junk, junk.length, server));
            }
        }
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            raw.tcp(junk);
        }
        stillAnswers();
        assertTrue(dns.statistics().get("queries") > 0);
    }

    @Test
    public void tcpFramingErrorsCloseTheConnectionOnly() throws Exception {
        assertNull("a length with no message", raw.tcp(new byte[] {0x01, 0x00}));
        assertNull("an empty message", raw.tcp(new byte[] {0x00, 0x00}));
        byte[] q = query();
        byte[] half = java.util.Arrays.copyOf(Raw.framed(q), q.length / 2);
        assertNull("half a message", raw.tcp(half));
        Message m = new Message(raw.tcp(Raw.framed(java.util.Arrays.copyOf(q, 14))));
        assertEquals(Rcode.FORMERR, m.getRcode());
        stillAnswers();
    }
}
