package dev.berth.frr.api;

import java.time.Instant;
import java.util.List;

import dev.berth.ipam.api.IpPrefix;

/**
 * Whether FRR runs on this node and what it announces.
 *
 * @param enabled whether Berth runs FRR (setting {@code enabled})
 * @param running whether zebra and bgpd run
 * @param asn the autonomous system number shared by the cluster's nodes
 * @param routerId the BGP router ID, empty when FRR chooses it
 * @param pids the process IDs of the daemons, "zebra=123 bgpd=124"; empty when they do not run
 * @param configHash 16 hex digits of the SHA-256 of the configuration in force, empty before the first
 * @param lastApplied when a configuration was last applied, or null
 * @param announced the prefixes announced: the subnets of this node's Berth networks
 * @param problems subnets left out, and why
 * @param lastError the last failure, empty when the last apply worked
 */
public record BgpStatus(boolean enabled, boolean running, long asn, String routerId, String pids, String configHash,
        Instant lastApplied, List<IpPrefix> announced, List<String> problems, String lastError) {

    /**
     * Copies the lists.
     *
     * @param enabled enabled or not
     * @param running running or not
     * @param asn the ASN
     * @param routerId the router ID
     * @param pids the PIDs
     * @param configHash the hash
     * @param lastApplied the time of the last apply
     * @param announced the announced prefixes
     * @param problems the problems
     * @param lastError the last error
     */
    public BgpStatus {
        announced = List.copyOf(announced);
        problems = List.copyOf(problems);
    }
}
