package dev.berth.squid.internal;

import java.time.Instant;

/**
 * What the proxy is doing.
 *
 * @param enabled whether it is meant to run
 * @param running whether Squid runs
 * @param pid Squid's PID, -1 when it does not run
 * @param configHash 16 hex digits of the configuration in force, or empty
 * @param lastApplied when Squid last started or was reconfigured, or {@code null}
 * @param icap the ICAP service's URI base, or empty when it does not run
 * @param lastError the last failure, or empty
 */
public record SquidStatus(boolean enabled, boolean running, long pid, String configHash, Instant lastApplied,
        String icap, String lastError) {
}
