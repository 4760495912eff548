package dev.berth.certs.internal;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded polling for tests: never a bare sleep. */
public final class Deadline {

    private Deadline() {
    }

    public static void await(Duration timeout, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }
}
