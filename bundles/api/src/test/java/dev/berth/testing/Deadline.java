package dev.berth.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Polls a condition until it holds or a deadline passes: the tests' only way of waiting. Shared by every module's
 * tests through berth-api's test jar.
 */
public final class Deadline {

    private Deadline() {
    }

    /**
     * Returns the first value the probe yields that satisfies the condition.
     *
     * @param what what is awaited, for the failure message
     * @param timeout how long to wait
     * @param probe produces a value; an exception counts as "not yet"
     * @param condition what the value must satisfy
     * @param <T> the value type
     * @return the value
     * @throws AssertionError with the last value or failure when the deadline passes
     */
    public static <T> T await(String what, Duration timeout, Callable<T> probe, Predicate<T> condition) {
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
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last seen: " + last);
            }
            LockSupport.parkNanos(20_000_000L); // yield between probes; the deadline, not a sleep, decides
        }
    }

    /**
     * Waits until a condition is true.
     *
     * @param what what is awaited, for the failure message
     * @param timeout how long to wait
     * @param condition the condition; an exception counts as "not yet"
     * @throws AssertionError when the deadline passes
     */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        await(what, timeout, condition, Boolean.TRUE::equals);
    }
}
