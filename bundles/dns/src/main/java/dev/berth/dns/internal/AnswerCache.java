package dev.berth.dns.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authoritative responses already rendered, reused for the same question until any record or zone changes: a
 * hit costs a copy and a few patched bytes instead of parsing the query and building the response.
 *
 * <p>Only queries of the plain form take this path: one question, no answer or authority records, at most an
 * OPT record, no name compression. Everything else, and every miss, goes the full way.
 */
final class AnswerCache {

    private static final int HEADER = 12;

    /**
     * A plain query, read without building a message.
     *
     * @param key the question in lower case with its type and class, and what shapes the response: EDNS or
     *     not, the DO bit, the largest size allowed
     * @param nameEnd where the question name ends in the packet
     */
    record Question(Key key, int nameEnd) {
    }

    /** Bytes compared by content. */
    static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(long generation, byte[] response) {
    }

    private final int capacity;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    AnswerCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Reads a query of the plain form.
     *
     * @param p the packet
     * @param length its length
     * @param udpPayload the largest UDP response offered to EDNS clients
     * @param tcp whether the query came over TCP
     * @return the question, or {@code null} when the query is not of the plain form
     */
    static Question read(byte[] p, int length, int udpPayload, boolean tcp) {
        if (length < HEADER + 5 || (p[2] & 0xf8) != 0 || u16(p, 4) != 1 || u16(p, 6) != 0 || u16(p, 8) != 0
                || u16(p, 10) > 1) {
            return null;
        }
        int at = HEADER;
        while (p[at] != 0) {
            int label = p[at] & 0xff;
            if (label > 63 || at + label + 1 >= length || at - HEADER + label + 1 > 254) {
                return null;
            }
            at += label + 1;
        }
        int nameEnd = at + 1;
        int end = nameEnd + 4;
        if (end > length) {
            return null;
        }
        int maxSize = tcp ? 65535 : 512;
        int edns = 0;
        if (u16(p, 10) == 1) {
            // an OPT record with the root as name, and nothing after it
            if (end + 11 > length || p[end] != 0 || u16(p, end + 1) != 41 || p[end + 6] != 0
                    || end + 11 + u16(p, end + 9) != length) {
                return null;
            }
            edns = (p[end + 7] & 0x80) != 0 ? 2 : 1;
            if (!tcp) {
                maxSize = Math.max(512, Math.min(u16(p, end + 3), udpPayload));
            }
        } else if (end != length) {
            return null;
        }
        byte[] key = new byte[nameEnd - HEADER + 4 + 3];
        for (int i = HEADER; i < end; i++) {
            byte b = p[i];
            key[i - HEADER] = i < nameEnd && b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }
        key[key.length - 3] = (byte) edns;
        key[key.length - 2] = (byte) (maxSize >>> 8);
        key[key.length - 1] = (byte) maxSize;
        return new Question(new Key(key), nameEnd);
    }

    /**
     * Returns the cached response to a question, made the query's own: its ID, its RD and CD flags, its
     * spelling of the name, and RA as the client may recurse.
     *
     * @param q the question
     * @param query the query packet
     * @param generation the registry's generation now
     * @param recursion whether the client may recurse
     * @return the response, or {@code null} on a miss
     */
    byte[] get(Question q, byte[] query, long generation, boolean recursion) {
        Entry e = entries.get(q.key());
        if (e == null || e.generation() != generation) {
            return null;
        }
        byte[] r = e.response().clone();
        r[0] = query[0];
        r[1] = query[1];
        r[2] = (byte) ((r[2] & 0xfe) | (query[2] & 0x01));
        r[3] = (byte) ((r[3] & 0x6f) | (recursion ? 0x80 : 0) | (query[3] & 0x10));
        System.arraycopy(query, HEADER, r, HEADER, q.nameEnd() - HEADER);
        return r;
    }

    /**
     * Keeps a response for the question.
     *
     * @param q the question
     * @param generation the registry's generation when the response was built
     * @param response the response
     */
    void put(Question q, long generation, byte[] response) {
        if (entries.size() >= capacity) {
            // make room by dropping an eighth, whichever the map yields first
            var it = entries.keySet().iterator();
            for (int i = 0; i < capacity / 8 && it.hasNext(); i++) {
                it.next();
                it.remove();
            }
        }
        entries.put(q.key(), new Entry(generation, response));
    }

    int size() {
        return entries.size();
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
