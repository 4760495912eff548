package dev.berth.squid.waf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The most recent incidents in memory, newest first, and counters since start. */
public final class IncidentLog {

    private final int capacity;
    private final Deque<Incident> recent = new ArrayDeque<>();
    private final AtomicLong inspected = new AtomicLong();
    private final AtomicLong blocked = new AtomicLong();
    private final AtomicLong detected = new AtomicLong();

    /** @param capacity how many incidents are kept */
    public IncidentLog(int capacity) {
        this.capacity = capacity;
    }

    void inspected() {
        inspected.incrementAndGet();
    }

    synchronized void add(Incident incident) {
        (incident.blocked() ? blocked : detected).incrementAndGet();
        recent.addFirst(incident);
        while (recent.size() > capacity) {
            recent.removeLast();
        }
    }

    /**
     * The newest incidents.
     *
     * @param limit how many at most
     * @return newest first
     */
    public synchronized List<Incident> recent(int limit) {
        return new ArrayList<>(recent).subList(0, Math.min(limit, recent.size()));
    }

    /** @return messages inspected since start */
    public long inspectedCount() {
        return inspected.get();
    }

    /** @return messages blocked since start */
    public long blockedCount() {
        return blocked.get();
    }

    /** @return matches only recorded (detect-only) since start */
    public long detectedCount() {
        return detected.get();
    }
}
