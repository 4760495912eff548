package dev.berth.ipam.api;

import java.util.Map;
import java.util.Objects;

/**
 * Docker's request for a pool.
 *
 * @param addressSpace the address space; empty selects the local default
 * @param subnet the exact subnet asked for ({@code --subnet}), or {@code null} to carve one
 * @param range the part of the subnet to allocate from ({@code --ip-range}), or {@code null} for all of it
 * @param options the IPAM options ({@code --ipam-opt}); {@code pool} selects a schema pool by name
 * @param ipv6 whether an IPv6 pool is asked for
 */
public record PoolRequest(String addressSpace, IpPrefix subnet, IpPrefix range, Map<String, String> options,
        boolean ipv6) {

    /**
     * Copies the options and checks the fields.
     *
     * @param addressSpace the address space
     * @param subnet the subnet or {@code null}
     * @param range the range or {@code null}
     * @param options the options
     * @param ipv6 the family
     */
    public PoolRequest {
        addressSpace = addressSpace == null ? "" : addressSpace;
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
    }
}
