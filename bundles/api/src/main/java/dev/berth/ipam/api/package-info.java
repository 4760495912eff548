/**
 * Schema-defined IP address management: pools carved from the prefixes an IPAM schema declares, and
 * durable, conflict-free address allocation within them, for IPv4 and IPv6.
 */
@Version("1.1.0")
package dev.berth.ipam.api;

import org.osgi.annotation.versioning.Version;
