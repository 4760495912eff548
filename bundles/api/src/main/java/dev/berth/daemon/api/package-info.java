/**
 * Running the system daemons that Berth's adapters drive (HAProxy, Squid, FRR) as Berth's own child processes:
 * starting one, noticing when it dies, ending it (SIGTERM, then SIGKILL after a grace period) and finding one that a
 * previous run left behind. What is particular to a daemon (its command line, configuration checks, reloads, log
 * messages) stays with its adapter.
 */
@Version("1.0.0")
package dev.berth.daemon.api;

import org.osgi.annotation.versioning.Version;
