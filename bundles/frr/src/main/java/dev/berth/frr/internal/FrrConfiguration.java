package dev.berth.frr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of routing between nodes, PID {@code dev.berth.frr}. */
@ObjectClassDefinition(name = "Berth routing between nodes (FRR / iBGP)",
        description = "Runs the host's FRR (zebra and bgpd) so that this node announces the subnets of its Berth "
                + "networks to the other nodes of the cluster over iBGP and installs theirs in the kernel.")
@interface FrrConfiguration {

    @AttributeDefinition(description = "Whether Berth runs FRR. Off by default: it listens on TCP port 179 and "
            + "changes the kernel's routing table. When false, the configuration is still rendered (bgp:config).")
    boolean enabled() default false;

    @AttributeDefinition(description = "The autonomous system number shared by every node of the cluster "
            + "(iBGP), 1 to 4294967295; private ASNs are 64512-65534 and 4200000000-4294967294.")
    long asn() default 64512;

    @AttributeDefinition(description = "The BGP router ID, an IPv4 address unique in the cluster (usually the "
            + "node's own address); empty lets FRR choose the highest address of the node.")
    String router_id() default "";

    @AttributeDefinition(description = "The addresses of the other nodes, IPv4 or IPv6, separated by commas or "
            + "spaces. IPv4 peers exchange IPv4 prefixes, IPv6 peers IPv6 prefixes; give both addresses of a node "
            + "for both families.")
    String[] peers() default {};

    @AttributeDefinition(description = "Find the other nodes in the database the cluster shares: each node "
            + "records its address (address, else router.id) and AS there at every poll and peers with the others "
            + "of its AS seen in the last three polls, in addition to peers.")
    boolean discover() default false;

    @AttributeDefinition(description = "This node's peering address, the one other nodes open their sessions to, "
            + "as recorded for discovery; empty: router.id.")
    String address() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "TCP-MD5 password of every session (RFC "
            + "2385); empty for none. The same on every node; at most 80 characters, no spaces.")
    String password() default "";

    @AttributeDefinition(description = "Whether sessions are watched by BFD (FRR's bfdd), which notices a dead "
            + "peer in under a second.")
    boolean bfd() default false;

    @AttributeDefinition(description = "BGP keepalive interval in seconds.")
    int keepalive_seconds() default 3;

    @AttributeDefinition(description = "BGP hold time in seconds (at least 3 times the keepalive, or 0 for none).")
    int hold_seconds() default 9;

    @AttributeDefinition(description = "The directory of FRR's daemons (zebra, bgpd, bfdd) and frr-reload.py.")
    String frr_dir() default "/usr/lib/frr";

    @AttributeDefinition(description = "The vtysh executable.")
    String vtysh() default "/usr/bin/vtysh";

    @AttributeDefinition(description = "Berth's runtime directory; FRR's configuration, PID files, sockets and logs "
            + "are kept in <runtime.dir>/frr, never in /etc/frr.")
    String runtime_dir() default "/run/berth";

    @AttributeDefinition(description = "The user and group the daemons drop to after start.")
    String user() default "frr";

    @AttributeDefinition(description = "A named network namespace (ip netns) to run the daemons in; empty for "
            + "the host's.")
    String netns() default "";

    @AttributeDefinition(description = "Seconds between reads of the node's Berth networks; a daemon that died is "
            + "started again at the next read.")
    int poll_seconds() default 10;

    @AttributeDefinition(description = "Seconds FRR may take to check a configuration, start, apply or stop.")
    int timeout_seconds() default 15;
}
