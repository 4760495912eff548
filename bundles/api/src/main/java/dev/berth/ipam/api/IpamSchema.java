package dev.berth.ipam.api;

import java.util.List;
import java.util.Optional;

/**
 * The IPAM schema in force.
 *
 * @param source where it was read from
 * @param spaces the default address spaces
 * @param pools every pool, in declaration order
 */
public record IpamSchema(String source, AddressSpaces spaces, List<PoolDefinition> pools) {

    /**
     * Copies the pools.
     *
     * @param source the source
     * @param spaces the default spaces
     * @param pools the pools
     */
    public IpamSchema {
        pools = List.copyOf(pools);
    }

    /**
     * Finds a pool by space and name.
     *
     * @param space the address space
     * @param name the pool name
     * @return the pool, if declared
     */
    public Optional<PoolDefinition> pool(String space, String name) {
        return pools.stream().filter(p -> p.addressSpace().equals(space) && p.name().equals(name)).findFirst();
    }

    /**
     * Finds the default pool of a space and family.
     *
     * @param space the address space
     * @param ipv6 the family
     * @return the default pool, if the schema declares one
     */
    public Optional<PoolDefinition> defaultPool(String space, boolean ipv6) {
        return pools.stream().filter(p -> p.addressSpace().equals(space) && p.ipv6() == ipv6 && p.isDefault())
                .findFirst();
    }
}
