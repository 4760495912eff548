package dev.berth.ipam.api;

import java.net.InetAddress;
import java.time.Instant;

/**
 * An address allocated in a pool.
 *
 * @param poolId the pool
 * @param address the address
 * @param prefixLength the length of the pool's subnet
 * @param kind what the address is for
 * @param note free text kept with it
 * @param allocatedAt when it was allocated
 */
public record AllocatedAddress(String poolId, InetAddress address, int prefixLength, AddressKind kind, String note,
        Instant allocatedAt) {

    /**
     * Returns the address with the pool's prefix length, as Docker wants it.
     *
     * @return for example {@code 198.18.0.2/24}
     */
    public String cidr() {
        return IpPrefix.format(address) + "/" + prefixLength;
    }
}
