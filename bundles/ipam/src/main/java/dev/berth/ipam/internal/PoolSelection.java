package dev.berth.ipam.internal;

import java.util.Optional;
import java.util.stream.Collectors;

import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.IpamException.Reason;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.PoolDefinition;
import dev.berth.ipam.api.PoolRequest;

/** Reads the IPAM options of a pool request: the schema pool it names, by name or by tag. */
final class PoolSelection {

    /** Names a schema pool. */
    static final String POOL_OPTION = "pool";
    /** Names a tag of a schema pool. */
    static final String TAG_OPTION = "tag";

    private final IpamSchema schema;

    PoolSelection(IpamSchema schema) {
        this.schema = schema;
    }

    /** Refuses options Berth does not know; options in Docker's own namespace are ignored. */
    static void checkOptions(PoolRequest request) {
        for (String key : request.options().keySet()) {
            if (!key.equals(POOL_OPTION) && !key.equals(TAG_OPTION) && !key.startsWith("com.docker.")) {
                throw new IpamException(Reason.INVALID, "unknown IPAM option '" + key + "'; Berth knows: "
                        + POOL_OPTION + ", " + TAG_OPTION);
            }
        }
    }

    /** Returns the schema pool the request names with {@code pool=} or {@code tag=}, if any. */
    Optional<PoolDefinition> named(String space, PoolRequest request) {
        String name = request.options().get(POOL_OPTION);
        String tag = request.options().get(TAG_OPTION);
        Optional<PoolDefinition> byName = name == null ? Optional.empty() : Optional.of(byName(space, name, request));
        Optional<PoolDefinition> byTag = tag == null ? Optional.empty() : Optional.of(byTag(space, tag, request));
        if (byName.isPresent() && byTag.isPresent() && !byName.get().equals(byTag.get())) {
            throw new IpamException(Reason.INVALID, "--ipam-opt pool=" + name + " and tag=" + tag + " disagree: tag '"
                    + tag + "' selects schema pool '" + byTag.get().name() + "' of address space '" + space + "'");
        }
        return byName.or(() -> byTag);
    }

    private PoolDefinition byName(String space, String name, PoolRequest request) {
        PoolDefinition pool = schema.pool(space, name).orElseThrow(() -> new IpamException(Reason.INVALID,
                "address space '" + space + "' has no schema pool '" + name + "'; it has: " + schema.pools()
                        .stream().filter(p -> p.addressSpace().equals(space)).map(PoolDefinition::name)
                        .collect(Collectors.joining(", "))));
        if (pool.ipv6() != request.ipv6()) {
            throw new IpamException(Reason.INVALID, "schema pool '" + name + "' is " + family(pool.ipv6())
                    + " but an " + family(request.ipv6()) + " pool was requested");
        }
        return pool;
    }

    private PoolDefinition byTag(String space, String tag, PoolRequest request) {
        Optional<PoolDefinition> tagged = tagged(space, request.ipv6(), tag);
        if (tagged.isPresent()) {
            return tagged.get();
        }
        Optional<PoolDefinition> otherFamily = tagged(space, !request.ipv6(), tag);
        if (otherFamily.isPresent()) {
            throw new IpamException(Reason.INVALID, "no " + family(request.ipv6()) + " pool of address space '" + space
                    + "' carries tag '" + tag + "' (" + family(!request.ipv6()) + " pool '" + otherFamily.get().name()
                    + "' does)");
        }
        String known = schema.pools().stream().filter(p -> p.addressSpace().equals(space))
                .flatMap(p -> p.tags().stream()).distinct().sorted().collect(Collectors.joining(", "));
        throw new IpamException(Reason.INVALID, "no pool of address space '" + space + "' carries tag '" + tag + "'; "
                + (known.isEmpty() ? "its pools have no tags" : "its tags: " + known));
    }

    /** Finds the pool of a space and family that carries a tag; the schema allows one. */
    private Optional<PoolDefinition> tagged(String space, boolean ipv6, String tag) {
        return schema.pools().stream().filter(p -> p.addressSpace().equals(space) && p.ipv6() == ipv6
                && p.tags().contains(tag)).findFirst();
    }

    static String family(boolean ipv6) {
        return ipv6 ? "IPv6" : "IPv4";
    }
}
