package dev.berth.ipam.api;

import java.net.InetAddress;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Grants pools (subnets) carved from the IPAM schema and allocates addresses in them. Every change is
 * committed to the store before a method returns; no address is ever handed out twice, also when several
 * Berth processes share one database. What it grants from is its {@link AddressPlan}.
 */
@ProviderType
public interface AddressAllocator extends AddressPlan {

    /**
     * Names the address spaces Docker uses when a network does not name one.
     *
     * @return the local and global default spaces
     */
    AddressSpaces defaultAddressSpaces();

    /**
     * Grants a pool: exactly the requested subnet when one is given and it overlaps nothing granted,
     * otherwise the next free subnet carved from the schema pool the request selects. A request identical
     * to the one that created a pool of an explicit subnet returns that pool again and counts one more
     * reference to it.
     *
     * @param request what Docker asked for
     * @return the granted pool
     * @throws IpamException when the request is invalid, overlaps a granted subnet, or nothing is left
     */
    PoolGrant requestPool(PoolRequest request);

    /**
     * Drops one reference to a pool; the last one releases its subnet and any addresses still in it.
     *
     * @param poolId the pool
     * @throws IpamException when no such pool exists
     */
    void releasePool(String poolId);

    /**
     * Allocates an address: the one asked for, or the next free one of the pool's range, or the schema's
     * gateway address when a gateway is asked for without an address.
     *
     * @param request the pool, the optional address and what it is for
     * @return the allocation
     * @throws IpamException when the pool is unknown, the address is taken or outside the pool, or the
     *     pool is exhausted
     */
    AllocatedAddress requestAddress(AddressRequest request);

    /**
     * Releases an allocated address.
     *
     * @param poolId the pool
     * @param address the address
     * @throws IpamException when the pool is unknown or the address is not allocated in it
     */
    void releaseAddress(String poolId, InetAddress address);

    /**
     * Lists granted pools with their utilization.
     *
     * @return every pool, ordered by address space and subnet
     */
    List<PoolUsage> pools();

    /**
     * Lists the allocated addresses of a pool.
     *
     * @param poolId the pool
     * @return the allocations in address order
     * @throws IpamException when no such pool exists
     */
    List<AllocatedAddress> allocations(String poolId);
}
