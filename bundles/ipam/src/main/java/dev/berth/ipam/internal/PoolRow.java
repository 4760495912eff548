package dev.berth.ipam.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;

import dev.berth.ipam.api.GatewayPolicy;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.PoolUsage;

/**
 * A granted pool as stored: its subnet, the range next-free allocation walks, and the cursor into it.
 *
 * @param poolId the identifier given to Docker
 * @param space the address space
 * @param schemaPool the schema pool it came from or lies in, or empty
 * @param subnet the subnet
 * @param rangeFirst the first address next-free allocation may hand out
 * @param rangeLast the last one
 * @param next where next-free allocation continues
 * @param carved whether Berth chose the subnet
 * @param requestKey the canonical request an explicit pool was granted for
 * @param refs how many identical requests hold it
 * @param allocated how many addresses are allocated
 * @param gateway the gateway policy
 * @param createdAt when it was granted
 */
record PoolRow(String poolId, String space, String schemaPool, IpPrefix subnet, InetAddress rangeFirst,
        InetAddress rangeLast, InetAddress next, boolean carved, String requestKey, int refs, long allocated,
        GatewayPolicy gateway, Instant createdAt) {

    /** The first address that may be allocated at all: not the network (or subnet-router anycast) address. */
    InetAddress usableFirst() {
        BigInteger first = IpPrefix.toNumber(subnet.network());
        return IpPrefix.fromNumber(hostBits() >= 2 ? first.add(BigInteger.ONE) : first, subnet.bits());
    }

    /** The last address that may be allocated at all: not the IPv4 broadcast address. */
    InetAddress usableLast() {
        BigInteger last = IpPrefix.toNumber(subnet.last());
        return IpPrefix.fromNumber(!subnet.isIpv6() && hostBits() >= 2 ? last.subtract(BigInteger.ONE) : last,
                subnet.bits());
    }

    /** The address a gateway request without an address gets. */
    InetAddress gatewayAddress() {
        return gateway == GatewayPolicy.LAST ? usableLast() : usableFirst();
    }

    boolean isUsable(InetAddress address) {
        BigInteger a = IpPrefix.toNumber(address);
        return subnet.contains(address) && a.compareTo(IpPrefix.toNumber(usableFirst())) >= 0
                && a.compareTo(IpPrefix.toNumber(usableLast())) <= 0;
    }

    boolean inRange(InetAddress address) {
        BigInteger a = IpPrefix.toNumber(address);
        return a.compareTo(IpPrefix.toNumber(rangeFirst)) >= 0 && a.compareTo(IpPrefix.toNumber(rangeLast)) <= 0;
    }

    PoolUsage usage() {
        BigInteger capacity = IpPrefix.toNumber(rangeLast).subtract(IpPrefix.toNumber(rangeFirst)).add(BigInteger.ONE);
        return new PoolUsage(poolId, space, subnet, rangeFirst, rangeLast, schemaPool, carved, refs, allocated,
                capacity, createdAt);
    }

    private int hostBits() {
        return subnet.bits() - subnet.length();
    }
}
