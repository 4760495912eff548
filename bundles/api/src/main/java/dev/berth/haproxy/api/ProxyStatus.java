package dev.berth.haproxy.api;

import java.time.Instant;
import java.util.List;

/**
 * The state of the ingress proxy.
 *
 * @param enabled whether the proxy is configured to run
 * @param running whether the HAProxy master process runs
 * @param masterPid the master's process ID, or -1
 * @param configHash the first 16 hexadecimal digits of the SHA-256 of the configuration in force, or empty
 * @param lastReload when the proxy last started or reloaded, or {@code null}
 * @param lastError the last failure (a refused configuration, a process that died), or empty
 * @param routes how many routes are served
 * @param problems the routes that are not served, and why
 */
public record ProxyStatus(boolean enabled, boolean running, long masterPid, String configHash, Instant lastReload,
        String lastError, int routes, List<RouteProblem> problems) {

    /**
     * Copies the problems.
     *
     * @param enabled whether enabled
     * @param running whether running
     * @param masterPid the master PID
     * @param configHash the hash
     * @param lastReload the last reload
     * @param lastError the last error
     * @param routes the route count
     * @param problems the problems
     */
    public ProxyStatus {
        problems = List.copyOf(problems);
    }
}
