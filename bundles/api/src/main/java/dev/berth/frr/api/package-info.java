/**
 * Routing between Berth nodes: each node runs FRR (zebra and bgpd) and announces the subnets of its Berth networks
 * to the other nodes over iBGP, so containers on different hosts reach each other by plain routing.
 */
@Version("1.0.0")
package dev.berth.frr.api;

import org.osgi.annotation.versioning.Version;
