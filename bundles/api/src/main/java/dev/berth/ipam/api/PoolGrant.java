package dev.berth.ipam.api;

import java.util.Map;

/**
 * A pool granted to Docker.
 *
 * @param poolId the identifier Docker passes back in later requests
 * @param subnet the subnet of the pool
 * @param data extra data returned to Docker
 */
public record PoolGrant(String poolId, IpPrefix subnet, Map<String, String> data) {

    /**
     * Copies the data.
     *
     * @param poolId the identifier
     * @param subnet the subnet
     * @param data the data
     */
    public PoolGrant {
        data = Map.copyOf(data);
    }
}
