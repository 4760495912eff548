package dev.berth.ipam.api;

import java.util.List;

/**
 * One pool of the IPAM schema: where subnets are carved from and how.
 *
 * @param addressSpace the address space the pool belongs to
 * @param name the pool's name, selected with {@code --ipam-opt pool=NAME}
 * @param ipv6 whether the pool is IPv6
 * @param prefixes the parent prefixes subnets are carved from, in order
 * @param subnetLength the prefix length of each carved subnet
 * @param reserved prefixes never carved and never granted
 * @param gateway which address is the gateway
 * @param reserveHead how many addresses after the gateway next-free allocation skips
 * @param isDefault whether the pool serves requests that name no pool, for its family and space
 * @param line the schema file line the pool is declared on
 * @param nodeLength the prefix length of the blocks each cluster node claims and carves its subnets in
 *     ({@code node_length}), or 0 when any node carves anywhere in the pool
 * @param tags the tags that select the pool with {@code --ipam-opt tag=TAG}
 */
public record PoolDefinition(String addressSpace, String name, boolean ipv6, List<IpPrefix> prefixes,
        int subnetLength, List<IpPrefix> reserved, GatewayPolicy gateway, int reserveHead, boolean isDefault,
        int line, int nodeLength, List<String> tags) {

    /**
     * Copies the lists.
     *
     * @param addressSpace the space
     * @param name the name
     * @param ipv6 the family
     * @param prefixes the parent prefixes
     * @param subnetLength the carved length
     * @param reserved the reserved prefixes
     * @param gateway the gateway policy
     * @param reserveHead addresses skipped after the gateway
     * @param isDefault whether it is a default pool
     * @param line the declaring line
     * @param nodeLength the block length, or 0
     * @param tags the tags
     */
    public PoolDefinition {
        prefixes = List.copyOf(prefixes);
        reserved = List.copyOf(reserved);
        tags = List.copyOf(tags);
    }

    /**
     * Creates a pool carved per network and selected by no tag (the constructor of API version 1.0).
     *
     * @param addressSpace the space
     * @param name the name
     * @param ipv6 the family
     * @param prefixes the parent prefixes
     * @param subnetLength the carved length
     * @param reserved the reserved prefixes
     * @param gateway the gateway policy
     * @param reserveHead addresses skipped after the gateway
     * @param isDefault whether it is a default pool
     * @param line the declaring line
     */
    public PoolDefinition(String addressSpace, String name, boolean ipv6, List<IpPrefix> prefixes, int subnetLength,
            List<IpPrefix> reserved, GatewayPolicy gateway, int reserveHead, boolean isDefault, int line) {
        this(addressSpace, name, ipv6, prefixes, subnetLength, reserved, gateway, reserveHead, isDefault, line, 0,
                List.of());
    }

    /**
     * Tells whether each cluster node carves this pool's subnets only inside blocks of its own.
     *
     * @return whether {@code node_length} is set
     */
    public boolean perNode() {
        return nodeLength > 0;
    }
}
