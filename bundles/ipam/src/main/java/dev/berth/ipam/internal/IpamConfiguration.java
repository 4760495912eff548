package dev.berth.ipam.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the IPAM, PID {@code dev.berth.ipam}. */
@ObjectClassDefinition(name = "Berth IPAM",
        description = "Schema-defined IP address management for Docker's --ipam-driver berth.")
@interface IpamConfiguration {

    @AttributeDefinition(description = "The IPAM schema file (YAML, see docs/ipam-schema.md). Empty: "
            + "etc/ipam-schema.yaml of the Karaf installation, or the built-in default schema when that file "
            + "does not exist.")
    String schema_file() default "";

    @AttributeDefinition(description = "This cluster node's name in the store, which the blocks of pools with "
            + "node_length belong to; empty: the kernel's host name. Use the network driver's (dev.berth.net) name.")
    String host_name() default "";
}
