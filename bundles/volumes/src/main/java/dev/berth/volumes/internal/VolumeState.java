package dev.berth.volumes.internal;

import java.time.Duration;
import java.time.Instant;

/** What the driver knows of a volume between checks, in memory: rebuilt by the first check after a start. */
final class VolumeState {

    /** The set's version at the last full read, or null before it. */
    String version;
    /** When the files were last read in full. */
    Instant lastFullRead;
    /** When the volume was last checked, successfully or not. */
    Instant lastCheck;
    /** An ACME volume whose order failed: not before this time again; null otherwise. */
    Instant retryAfter;
    /** The wait before retryAfter, doubled at each failure. */
    Duration retryWait;
    /** Why the last check failed, empty when it succeeded. */
    String lastError = "";

    synchronized void succeeded(Instant now) {
        lastCheck = now;
        lastError = "";
    }

    /** Records a failure; returns whether it is new (so that a persisting one is logged once). */
    synchronized boolean failed(Instant now, String error) {
        lastCheck = now;
        boolean fresh = !error.equals(lastError);
        lastError = error;
        return fresh;
    }
}
