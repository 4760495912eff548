package dev.berth.certs.enroll;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Remembers the ids of authenticated messages for as long as their timestamps are acceptable, so a message
 * is accepted once. Messages older than the window are refused by their timestamp, so forgetting them is
 * safe. Only authenticated messages are recorded, so only a key holder can fill the memory; it is bounded
 * anyway.
 */
public final class ReplayGuard {

    private final long windowMillis;
    private final int capacity;
    private final Set<String> seen = new HashSet<>();
    private final PriorityQueue<Entry> expiries = new PriorityQueue<>(Comparator.comparingLong(Entry::expiry));

    private record Entry(long expiry, String key) {
    }

    /**
     * Creates the guard.
     *
     * @param window the accepted clock difference either side
     * @param capacity the most message ids remembered
     */
    public ReplayGuard(Duration window, int capacity) {
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
    }

    /** What {@link #admit} decided. */
    public enum Verdict {
        /** First sight of this message within the window. */
        FRESH,
        /** Seen before. */
        REPLAYED,
        /** Timestamp outside the window. */
        STALE,
        /** Too many messages within the window. */
        BUSY
    }

    /**
     * Decides whether a message may be processed, and remembers it when it may.
     *
     * @param messageId the message's id
     * @param timestamp its timestamp in milliseconds
     * @param now the current time in milliseconds
     * @return the verdict
     */
    public synchronized Verdict admit(byte[] messageId, long timestamp, long now) {
        if (Math.abs(now - timestamp) > windowMillis) {
            return Verdict.STALE;
        }
        while (!expiries.isEmpty() && expiries.peek().expiry() < now) {
            seen.remove(expiries.poll().key());
        }
        String key = HexFormat.of().formatHex(messageId);
        if (seen.contains(key)) {
            return Verdict.REPLAYED;
        }
        if (seen.size() >= capacity) {
            return Verdict.BUSY;
        }
        // the message stays acceptable by timestamp until timestamp + window: remember it that long
        seen.add(key);
        expiries.add(new Entry(timestamp + windowMillis, key));
        return Verdict.FRESH;
    }

    /**
     * Tells whether a timestamp is within the window.
     *
     * @param timestamp the timestamp in milliseconds
     * @param now the current time in milliseconds
     * @return whether it is acceptable
     */
    public boolean fresh(long timestamp, long now) {
        return Math.abs(now - timestamp) <= windowMillis;
    }
}
