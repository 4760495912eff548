/**
 * Berth's internal-plane DNS: the records of container endpoints, of container labels and of operators,
 * published to an authoritative DNS server that also forwards other names to upstream resolvers.
 */
@Version("1.0.0")
package dev.berth.dns.api;

import org.osgi.annotation.versioning.Version;
