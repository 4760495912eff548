package dev.berth.dns.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the server has answered since it started, for operators. */
final class QueryCounters {

    final LongAdder queries = new LongAdder();
    final LongAdder authoritative = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder truncated = new LongAdder();

    /**
     * Reads the counters.
     *
     * @return the counters by name, in a stable order
     */
    Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("queries", queries.sum());
        map.put("authoritative", authoritative.sum());
        map.put("forwarded", forwarded.sum());
        map.put("refused", refused.sum());
        map.put("malformed", malformed.sum());
        map.put("dropped", dropped.sum());
        map.put("truncated", truncated.sum());
        return map;
    }
}
