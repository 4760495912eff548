package dev.berth.dns.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Upstream answers kept within their TTL: positive answers for the smallest TTL of their records, NXDOMAIN and
 * NODATA for the negative TTL of their SOA (RFC 2308), never SERVFAIL or other failures. A hit is served with
 * every TTL lowered by the time the answer spent in the cache.
 */
final class ForwardCache {

    /**
     * What a question is cached under.
     *
     * @param name the name, canonical (lower case)
     * @param type the type
     * @param dclass the class
     */
    record Key(Name name, int type, int dclass) {
        static Key of(Record question) {
            return new Key(question.getName().canonicalize(), question.getType(), question.getDClass());
        }
    }

    /**
     * A cached upstream answer.
     *
     * @param rcode the response code
     * @param sections the answer, authority and additional records (no OPT)
     * @param storedAt when it was stored, in nanoseconds of the clock
     * @param ttl how long it may be served, in seconds
     */
    record Answer(int rcode, List<List<Record>> sections, long storedAt, long ttl) {
    }

    private static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

    private final int capacity;
    private final long maxTtl;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<Key, Answer> answers = new ConcurrentHashMap<>();

    ForwardCache(int capacity, long maxTtl, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.maxTtl = maxTtl;
        this.nanoClock = nanoClock;
    }

    /**
     * Stores an upstream response if it may be cached.
     *
     * @param key the question
     * @param response the upstream's response
     */
    void put(Key key, Message response) {
        if (capacity == 0) {
            return;
        }
        long ttl = ttl(response);
        if (ttl <= 0) {
            return;
        }
        if (answers.size() >= capacity) {
            evict();
        }
        Answer a = fromResponse(response);
        answers.put(key, new Answer(a.rcode(), a.sections(), nanoClock.getAsLong(), ttl));
    }

    /**
     * Takes the response code and records of a response, without its OPT record.
     *
     * @param response an upstream's response
     * @return the answer, not timed
     */
    static Answer fromResponse(Message response) {
        List<List<Record>> sections = new ArrayList<>(3);
        for (int s : SECTIONS) {
            sections.add(response.getSection(s).stream().filter(r -> r.getType() != Type.OPT).toList());
        }
        return new Answer(response.getRcode(), sections, 0, 0);
    }

    /**
     * Returns a cached answer with its TTLs lowered by its age.
     *
     * @param key the question
     * @return the answer, or {@code null} when none is cached or it expired
     */
    Answer get(Key key) {
        Answer a = answers.get(key);
        if (a == null) {
            return null;
        }
        long age = (nanoClock.getAsLong() - a.storedAt()) / 1_000_000_000L;
        if (age >= a.ttl()) {
            answers.remove(key, a);
            return null;
        }
        List<List<Record>> aged = new ArrayList<>(3);
        for (List<Record> section : a.sections()) {
            aged.add(section.stream().map(r -> withTtl(r, Math.max(0, r.getTTL() - age))).toList());
        }
        return new Answer(a.rcode(), aged, a.storedAt(), a.ttl() - age);
    }

    int size() {
        return answers.size();
    }

    void clear() {
        answers.clear();
    }

    private long ttl(Message response) {
        int rcode = response.getRcode();
        List<Record> answer = response.getSection(Section.ANSWER);
        if (rcode == Rcode.NOERROR && !answer.isEmpty()) {
            long min = Long.MAX_VALUE;
            for (int s : new int[] {Section.ANSWER, Section.AUTHORITY}) {
                for (Record r : response.getSection(s)) {
                    min = Math.min(min, r.getTTL());
                }
            }
            return Math.min(min, maxTtl);
        }
        if (rcode == Rcode.NXDOMAIN || rcode == Rcode.NOERROR) {
            for (Record r : response.getSection(Section.AUTHORITY)) {
                if (r instanceof SOARecord soa) {
                    return Math.min(Math.min(soa.getTTL(), soa.getMinimum()), maxTtl);
                }
            }
        }
        return 0;
    }

    private void evict() {
        long now = nanoClock.getAsLong();
        answers.entrySet().removeIf(e -> (now - e.getValue().storedAt()) / 1_000_000_000L >= e.getValue().ttl());
        // still full of live answers: drop a tenth, whichever the map yields first
        if (answers.size() >= capacity) {
            Iterator<Key> it = answers.keySet().iterator();
            for (int i = 0; i <= capacity / 10 && it.hasNext(); i++) {
                it.next();
                it.remove();
            }
        }
    }

    /** Copies a record with another TTL through its wire form: dnsjava keeps TTLs immutable for its users. */
    static Record withTtl(Record r, long ttl) {
        if (r.getTTL() == ttl) {
            return r;
        }
        byte[] wire = r.toWire(Section.ANSWER);
        int at = r.getName().length() + 4;
        wire[at] = (byte) (ttl >>> 24);
        wire[at + 1] = (byte) (ttl >>> 16);
        wire[at + 2] = (byte) (ttl >>> 8);
        wire[at + 3] = (byte) ttl;
        try {
            return Record.fromWire(wire, Section.ANSWER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a record's own wire form does not parse: " + r, e);
        }
    }
}
