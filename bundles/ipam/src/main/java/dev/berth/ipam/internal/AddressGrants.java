package dev.berth.ipam.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import dev.berth.ipam.api.AddressKind;
import dev.berth.ipam.api.AddressRequest;
import dev.berth.ipam.api.AllocatedAddress;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.IpamException.Reason;

/** Allocates and releases addresses in a granted pool, inside a store transaction. */
final class AddressGrants {

    AllocatedAddress request(Connection c, PoolRow pool, AddressRequest request) throws SQLException {
        InetAddress wanted = request.address();
        if (wanted == null && request.kind() == AddressKind.GATEWAY) {
            wanted = pool.gatewayAddress();
        }
        if (wanted != null) {
            return specific(c, pool, wanted, request);
        }
        Optional<InetAddress> next = AddressTable.nextAfterCursor(c, pool);
        InetAddress chosen;
        InetAddress cursor = pool.next();
        if (next.isPresent()) {
            chosen = next.get();
            // the cursor stops at the range's last address rather than run past the end of the address space
            cursor = chosen.equals(pool.rangeLast()) ? chosen
                    : IpPrefix.fromNumber(IpPrefix.toNumber(chosen).add(BigInteger.ONE), pool.subnet().bits());
        } else {
            chosen = AddressTable.takeFree(c, pool.poolId()).orElseThrow(() -> new IpamException(Reason.EXHAUSTED,
                    "no free address in pool " + pool.poolId() + ": all " + pool.usage().capacity() + " addresses "
                            + IpPrefix.format(pool.rangeFirst()) + "-" + IpPrefix.format(pool.rangeLast())
                            + " are allocated"));
        }
        if (!AddressTable.insert(c, pool.poolId(), chosen, request.kind(), request.note())) {
            throw AddressTable.lostRace(chosen);
        }
        PoolTable.update(c, pool.poolId(), cursor, 1);
        return new AllocatedAddress(pool.poolId(), chosen, pool.subnet().length(), request.kind(), request.note(),
                Instant.now());
    }

    private AllocatedAddress specific(Connection c, PoolRow pool, InetAddress address, AddressRequest request)
            throws SQLException {
        if (!pool.isUsable(address)) {
            throw new IpamException(Reason.INVALID, "address " + IpPrefix.format(address) + " is not a usable address"
                    + " of pool " + pool.poolId());
        }
        if (!AddressTable.insert(c, pool.poolId(), address, request.kind(), request.note())) {
            AllocatedAddress holder = AddressTable.find(c, pool, address).orElseThrow(() -> AddressTable.lostRace(address));
            throw new IpamException(Reason.CONFLICT, "address " + IpPrefix.format(address) + " is already allocated in"
                    + " pool " + pool.poolId() + " (" + holder.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " since " + holder.allocatedAt() + ")");
        }
        AddressTable.removeFree(c, pool.poolId(), address);
        PoolTable.update(c, pool.poolId(), pool.next(), 1);
        return new AllocatedAddress(pool.poolId(), address, pool.subnet().length(), request.kind(), request.note(),
                Instant.now());
    }

    void release(Connection c, PoolRow pool, InetAddress address) throws SQLException {
        if (!pool.subnet().contains(address)) {
            throw new IpamException(Reason.INVALID, "address " + IpPrefix.format(address) + " is not in pool "
                    + pool.poolId());
        }
        if (!AddressTable.delete(c, pool.poolId(), address)) {
            throw new IpamException(Reason.NOT_FOUND, "address " + IpPrefix.format(address)
                    + " is not allocated in pool " + pool.poolId());
        }
        // Addresses behind the cursor are handed out again from the free list; those at or ahead of it, by the
        // cursor itself. The two never overlap, so no address can be handed out twice.
        boolean behindCursor = IpPrefix.toNumber(address).compareTo(IpPrefix.toNumber(pool.next())) < 0;
        if (pool.inRange(address) && behindCursor) {
            AddressTable.addFree(c, pool.poolId(), address);
        }
        PoolTable.update(c, pool.poolId(), pool.next(), -1);
    }
}
