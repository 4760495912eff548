package dev.berth.ipam.internal;

import java.util.Map;
import java.util.Optional;

import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.PoolDefinition;

/**
 * An IPAM schema as read from its file: what the API's {@link IpamSchema} carries, and each pool's carving
 * ({@code node_length}, {@code tags}), which the API does not carry yet.
 *
 * @param schema the schema as the API shows it
 * @param carvings each pool's carving, by {@link #key(PoolDefinition)}; pools without one are carved per network
 */
record ParsedSchema(IpamSchema schema, Map<String, PoolCarving> carvings) {

    ParsedSchema {
        carvings = Map.copyOf(carvings);
    }

    PoolCarving carving(PoolDefinition pool) {
        return carvings.getOrDefault(key(pool), PoolCarving.PER_NETWORK);
    }

    /** Finds the pools of a space that carry a tag; the schema allows one per family. */
    Optional<PoolDefinition> tagged(String space, boolean ipv6, String tag) {
        return schema.pools().stream().filter(p -> p.addressSpace().equals(space) && p.ipv6() == ipv6
                && carving(p).tags().contains(tag)).findFirst();
    }

    static String key(PoolDefinition pool) {
        return pool.addressSpace() + "/" + pool.name();
    }
}
