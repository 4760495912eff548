package dev.berth.ipam.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The address plan of the cluster as this node's IPAM holds it: the schema in force and the blocks the cluster's
 * nodes claimed from its per-node pools. Read-only, for the bundles that route or filter by the plan.
 */
@ProviderType
public interface AddressPlan {

    /**
     * Returns the schema in force.
     *
     * @return the parsed schema
     */
    IpamSchema schema();

    /**
     * Names this cluster node.
     *
     * @return the node name blocks are claimed under
     */
    String node();

    /**
     * Lists the blocks every node of the cluster claimed from pools with a {@code node_length}.
     *
     * @return the blocks, by address space, family and address
     */
    List<NodeBlock> blocks();
}
