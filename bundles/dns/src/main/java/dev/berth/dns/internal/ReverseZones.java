package dev.berth.dns.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

import dev.berth.ipam.api.IpPrefix;

/**
 * Reverse names of addresses and the reverse zones that cover a subnet exactly: {@code in-addr.arpa} has
 * one label per octet and {@code ip6.arpa} one per nibble, so a subnet whose length falls between label
 * boundaries is covered by the zones one boundary further in (a /22 by four /24 zones, a /62 by four /64
 * zones), never by a larger zone that would also answer for addresses outside the subnet.
 */
final class ReverseZones {

    private ReverseZones() {
    }

    /**
     * Returns the PTR owner name of an address.
     *
     * @param address an IPv4 or IPv6 address
     * @return its name under {@code in-addr.arpa.} or {@code ip6.arpa.}
     */
    static Name nameOf(InetAddress address) {
        return ReverseMap.fromAddress(address);
    }

    /**
     * Lists the reverse zones covering exactly a subnet.
     *
     * @param subnet the subnet
     * @return one zone, or 2, 4, ... up to 128 (IPv4) or 8 (IPv6) when its length is between label boundaries
     */
    static List<Name> zonesOf(IpPrefix subnet) {
        int unit = subnet.isIpv6() ? 4 : 8;
        int zoneLength = (subnet.length() + unit - 1) / unit * unit;
        BigInteger first = IpPrefix.toNumber(subnet.network());
        int count = 1 << (zoneLength - subnet.length());
        BigInteger step = BigInteger.ONE.shiftLeft(subnet.bits() - zoneLength);
        List<Name> zones = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            InetAddress network = IpPrefix.fromNumber(first.add(step.multiply(BigInteger.valueOf(i))), subnet.bits());
            Name full = nameOf(network);
            // the full name has one label per unit plus the two of in-addr.arpa / ip6.arpa (and the root)
            int drop = (subnet.bits() - zoneLength) / unit;
            zones.add(new Name(full, drop));
        }
        return zones;
    }
}
