package dev.berth.ipam.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.time.Instant;

/**
 * A granted pool and how full it is.
 *
 * @param poolId the pool identifier
 * @param addressSpace the address space
 * @param subnet the subnet
 * @param rangeFirst the first address next-free allocation hands out
 * @param rangeLast the last address next-free allocation hands out
 * @param schemaPool the schema pool it was carved from or lies in, or empty
 * @param carved whether Berth chose the subnet (rather than Docker's {@code --subnet})
 * @param references how many identical requests hold the pool
 * @param allocated how many addresses are allocated
 * @param capacity how many addresses the range holds
 * @param createdAt when the pool was granted
 */
public record PoolUsage(String poolId, String addressSpace, IpPrefix subnet, InetAddress rangeFirst,
        InetAddress rangeLast, String schemaPool,
        boolean carved, int references, long allocated, BigInteger capacity, Instant createdAt) {

    /**
     * Returns the share of the range in use.
     *
     * @return a percentage from 0 to 100
     */
    public double utilization() {
        if (capacity.signum() == 0) {
            return 100.0;
        }
        return new BigDecimal(allocated).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(capacity), 2, RoundingMode.HALF_UP).doubleValue();
    }
}
