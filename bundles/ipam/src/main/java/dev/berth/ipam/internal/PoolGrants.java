package dev.berth.ipam.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.berth.ipam.api.GatewayPolicy;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.IpamException.Reason;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.PoolDefinition;
import dev.berth.ipam.api.PoolGrant;
import dev.berth.ipam.api.PoolRequest;

/** Grants and releases pools, inside a store transaction. */
final class PoolGrants {

    private final IpamSchema schema;
    private final PoolSelection selection;
    private final String node;

    /**
     * Creates the grants of one node.
     *
     * @param schema the schema in force
     * @param node the cluster node whose blocks per-node pools are carved in
     */
    PoolGrants(IpamSchema schema, String node) {
        this.schema = schema;
        this.selection = new PoolSelection(schema);
        this.node = node;
    }

    PoolGrant request(Connection c, PoolRequest request) throws SQLException {
        String space = request.addressSpace().isEmpty() ? schema.spaces().local() : request.addressSpace();
        PoolSelection.checkOptions(request);
        if (schema.pools().stream().noneMatch(p -> p.addressSpace().equals(space))) {
            throw new IpamException(Reason.INVALID, "the IPAM schema has no address space '" + space + "'");
        }
        Optional<PoolDefinition> named = selection.named(space, request);
        PoolRow row = request.subnet() == null ? carve(c, space, request, named) : explicit(c, space, request, named);
        return new PoolGrant(row.poolId(), row.subnet(), Map.of());
    }

    private PoolRow carve(Connection c, String space, PoolRequest request, Optional<PoolDefinition> named)
            throws SQLException {
        if (request.range() != null) {
            throw new IpamException(Reason.INVALID, "an IP range (--ip-range) needs a subnet (--subnet)");
        }
        PoolDefinition pool = named.or(() -> schema.defaultPool(space, request.ipv6())).orElseThrow(
                () -> new IpamException(Reason.INVALID, "address space '" + space + "' has no default "
                        + PoolSelection.family(request.ipv6()) + " pool; name one with --ipam-opt pool=NAME or "
                        + "tag=TAG, or give --subnet"));
        IpPrefix subnet = pool.perNode() ? NodeCarver.carve(c, pool, pool.nodeLength(), node)
                : SubnetCarver.carve(c, pool);
        PoolRow row = newRow(space, pool.name(), subnet, null, true, "", pool.gateway(), pool.reserveHead());
        PoolTable.insert(c, row);
        return row;
    }

    private PoolRow explicit(Connection c, String space, PoolRequest request, Optional<PoolDefinition> named)
            throws SQLException {
        IpPrefix subnet = request.subnet();
        if (subnet.isIpv6() != request.ipv6()) {
            throw new IpamException(Reason.INVALID, "subnet " + subnet + " is not "
                    + PoolSelection.family(request.ipv6()));
        }
        if (request.range() != null && !subnet.contains(request.range())) {
            throw new IpamException(Reason.INVALID, "IP range " + request.range() + " is not inside subnet " + subnet);
        }
        if (named.isPresent() && named.get().prefixes().stream().noneMatch(p -> p.contains(subnet))) {
            throw new IpamException(Reason.INVALID, "subnet " + subnet + " is not inside schema pool '"
                    + named.get().name() + "' " + named.get().prefixes());
        }
        Optional<PoolDefinition> home = named.or(() -> schema.pools().stream().filter(p -> p.addressSpace()
                .equals(space) && p.prefixes().stream().anyMatch(prefix -> prefix.contains(subnet))).findFirst());
        for (PoolDefinition p : schema.pools()) {
            for (IpPrefix reserved : p.reserved()) {
                if (p.addressSpace().equals(space) && reserved.overlaps(subnet)) {
                    throw new IpamException(Reason.CONFLICT, "subnet " + subnet + " overlaps " + reserved
                            + ", reserved by schema pool '" + p.name() + "' (" + schema.source() + " line " + p.line()
                            + ")");
                }
            }
        }
        String key = requestKey(space, request);
        Optional<PoolRow> existing = PoolTable.overlapping(c, space, subnet);
        if (existing.isPresent()) {
            PoolRow other = existing.get();
            if (other.requestKey().equals(key)) {
                PoolTable.setRefs(c, other.poolId(), other.refs() + 1);
                return other;
            }
            throw new IpamException(Reason.CONFLICT, "subnet " + subnet + " overlaps pool " + other.subnet()
                    + " already granted in address space '" + space + "'");
        }
        PoolRow row = newRow(space, home.map(PoolDefinition::name).orElse(""), subnet, request.range(), false, key,
                home.map(PoolDefinition::gateway).orElse(GatewayPolicy.FIRST),
                home.map(PoolDefinition::reserveHead).orElse(0));
        PoolTable.insert(c, row);
        return row;
    }

    /** Releases one reference; returns whether the pool is gone. */
    boolean release(Connection c, String poolId) throws SQLException {
        PoolRow row = PoolTable.find(c, poolId).orElseThrow(() -> new IpamException(Reason.NOT_FOUND,
                "no pool '" + poolId + "' is granted"));
        if (row.refs() > 1) {
            PoolTable.setRefs(c, poolId, row.refs() - 1);
            return false;
        }
        PoolTable.delete(c, poolId);
        if (row.carved()) {
            SubnetCarver.giveBack(c, row.space(), row.schemaPool(), row.subnet());
        }
        return true;
    }

    private static PoolRow newRow(String space, String schemaPool, IpPrefix subnet, IpPrefix range, boolean carved,
            String key, GatewayPolicy gateway, int head) {
        String id = space + "/" + subnet + (range == null ? "" : "/" + range);
        PoolRow bare = new PoolRow(id, space, schemaPool, subnet, subnet.network(), subnet.last(), subnet.network(),
                carved, key, 1, 0, gateway, null);
        InetAddress first;
        InetAddress last;
        if (range != null) {
            first = max(range.network(), bare.usableFirst());
            last = min(range.last(), bare.usableLast());
        } else {
            int bits = subnet.bits();
            BigInteger headEnd = IpPrefix.toNumber(bare.usableFirst()).add(BigInteger.valueOf(head));
            first = IpPrefix.fromNumber(headEnd.min(IpPrefix.toNumber(bare.usableLast())), bits);
            last = bare.usableLast();
        }
        if (IpPrefix.toNumber(first).compareTo(IpPrefix.toNumber(last)) > 0) {
            throw new IpamException(Reason.INVALID, "pool " + id + " has no usable address");
        }
        return new PoolRow(id, space, schemaPool, subnet, first, last, first, carved, key, 1, 0, gateway, null);
    }

    private static String requestKey(String space, PoolRequest request) {
        return space + "|" + request.subnet() + "|" + request.range() + "|" + new TreeMap<>(request.options()) + "|"
                + request.ipv6();
    }

    private static InetAddress max(InetAddress a, InetAddress b) {
        return IpPrefix.toNumber(a).compareTo(IpPrefix.toNumber(b)) >= 0 ? a : b;
    }

    private static InetAddress min(InetAddress a, InetAddress b) {
        return IpPrefix.toNumber(a).compareTo(IpPrefix.toNumber(b)) <= 0 ? a : b;
    }
}
