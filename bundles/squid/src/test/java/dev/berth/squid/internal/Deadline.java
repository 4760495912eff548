package dev.berth.squid.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Polls a condition until it holds or a deadline passes: the tests' only way of waiting. */
final class Deadline {

    private Deadline() {
    }

    static <T> T await(String what, Duration timeout, Callable<T> probe, Predicate<T> condition) {
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
            LockSupport.parkNanos(20_000_000L);
        }
    }
}
