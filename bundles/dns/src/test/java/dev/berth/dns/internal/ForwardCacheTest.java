package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import dev.berth.ipam.api.IpPrefix;

public class ForwardCacheTest {

    private static final Name WWW = Name.fromConstantString("www.example.test.");
    private final AtomicLong clock = new AtomicLong();
    private final ForwardCache cache = new ForwardCache(100, 3600, clock::get);

    private static Message answer(long ttl) {
        Message m = Message.newQuery(Record.newRecord(WWW, Type.A, DClass.IN));
        m.addRecord(new ARecord(WWW, DClass.IN, ttl, IpPrefix.parseAddress("192.0.2.80")), Section.ANSWER);
        return m;
    }

    private void seconds(long s) {
        clock.addAndGet(s * 1_000_000_000L);
    }

    @Test
    public void answersAgeAndExpireWithTheirTtl() {
        ForwardCache.Key key = ForwardCache.Key.of(Record.newRecord(WWW, Type.A, DClass.IN));
        cache.put(key, answer(30));
        seconds(12);
        ForwardCache.Answer a = cache.get(key);
        assertEquals(18, a.sections().get(0).get(0).getTTL());
        seconds(18);
        assertNull(cache.get(key));
    }

    @Test
    public void negativeAnswersLiveForTheSoaMinimumAndFailuresNotAtAll() {
        ForwardCache.Key key = ForwardCache.Key.of(Record.newRecord(WWW, Type.AAAA, DClass.IN));
        Message nx = Message.newQuery(Record.newRecord(WWW, Type.AAAA, DClass.IN));
        nx.getHeader().setRcode(Rcode.NXDOMAIN);
        nx.addRecord(new SOARecord(Name.fromConstantString("example.test."), DClass.IN, 600,
                Name.fromConstantString("ns.example.test."), Name.fromConstantString("h.example.test."), 1, 1, 1, 1,
                60), Section.AUTHORITY);
        cache.put(key, nx);
        seconds(59);
        assertNotNull(cache.get(key));
        seconds(1);
        assertNull(cache.get(key));

        Message fail = Message.newQuery(Record.newRecord(WWW, Type.AAAA, DClass.IN));
        fail.getHeader().setRcode(Rcode.SERVFAIL);
        cache.put(key, fail);
        assertNull(cache.get(key));
    }

    @Test
    public void ttlsAreCappedAndTheCacheStaysWithinItsCapacity() {
        ForwardCache small = new ForwardCache(10, 100, clock::get);
        for (int i = 0; i < 50; i++) {
            small.put(ForwardCache.Key.of(Record.newRecord(Name.fromConstantString("n" + i + ".test."), Type.A,
                    DClass.IN)), answer(86400));
        }
        assertEquals(true, small.size() <= 10);
        ForwardCache.Key key = ForwardCache.Key.of(Record.newRecord(WWW, Type.A, DClass.IN));
        small.put(key, answer(86400));
        seconds(100);
        assertNull(small.get(key));
    }
}
