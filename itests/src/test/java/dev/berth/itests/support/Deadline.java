package dev.berth.itests.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes: the tests' only way of waiting. */
public final class Deadline {

    private Deadline() {
    }

    /**
     * Returns the first value the probe yields that satisfies the condition.
     *
     * @param what what is awaited, for the failure message
     * @param timeout how long to wait
     * @param probe produces a value; exceptions count as "not yet"
     * @param condition what the value must satisfy
     * @param <T> the value type
     * @return the value
     * @throws AssertionError with the last value or failure when the deadline passes
     */
    public static <T> T await(String what, Duration timeout, Callable<T> probe,
            java.util.function.Predicate<T> condition) {
        long end = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (true) {
            try {
                T value = probe.call();
                if (condition.test(value)) {
                    return value;
                }
                last = value;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last seen: " + last);
            }
            // yield the CPU between probes without a fixed sleep
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }
}
