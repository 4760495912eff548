package dev.berth.net.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the network driver, PID {@code dev.berth.net}. */
@ObjectClassDefinition(name = "Berth network driver",
        description = "Docker's -d berth networks: bridges, routing domains, isolation, egress and published ports.")
@interface NetworkConfiguration {

    @AttributeDefinition(description = "How routing domains are built: auto (a VRF per network where the kernel has "
            + "VRF, policy routing otherwise), vrf, or policy.")
    String routing() default "auto";

    @AttributeDefinition(description = "First routing table number (and rule priority) Berth uses for networks.")
    int table_base() default 25000;

    @AttributeDefinition(description = "How many routing tables Berth may use, that is how many networks a host holds.")
    int table_count() default 1000;

    @AttributeDefinition(description = "This host's name in the store; empty: the kernel's host name.")
    String host_name() default "";

    @AttributeDefinition(description = "MTU of a network created without -o com.docker.network.driver.mtu.")
    int default_mtu() default 1500;

    @AttributeDefinition(description = "Host ports handed out for ports published without one (docker run -p 80).")
    String port_range() default "49153-65535";

    @AttributeDefinition(description = "Lock file that keeps a second Berth on this host from managing its networks; "
            + "{netns} stands for the network namespace's inode, so that each namespace (each host's kernel) has one.")
    String lock_file() default "/run/berth/network-{netns}.lock";

    @AttributeDefinition(description = "Seconds between two looks at the other hosts' tagged networks in the shared "
            + "store (routes and firewall pairs across the cluster follow within that time); 0: never.")
    int cluster_poll_seconds() default 5;
}
