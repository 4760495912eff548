package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.xbill.DNS.Name;

import dev.berth.ipam.api.IpPrefix;

public class ReverseZonesTest {

    private static List<String> zones(String subnet) {
        return ReverseZones.zonesOf(IpPrefix.parse(subnet)).stream().map(Name::toString).toList();
    }

    @Test
    public void ipv4AddressNames() {
        assertEquals("10.0.18.198.in-addr.arpa.", ReverseZones.nameOf(IpPrefix.parseAddress("198.18.0.10")).toString());
    }

    @Test
    public void ipv6AddressNamesHaveOneLabelPerNibble() {
        assertEquals("a." + "0.".repeat(23) + "b.0.0.0.0.0.d.f.ip6.arpa.",
                ReverseZones.nameOf(IpPrefix.parseAddress("fd00:b::a")).toString());
    }

    @Test
    public void ipv4SubnetsOnOctetBoundariesHaveOneZone() {
        assertEquals(List.of("0.18.198.in-addr.arpa."), zones("198.18.0.0/24"));
        assertEquals(List.of("18.198.in-addr.arpa."), zones("198.18.0.0/16"));
        assertEquals(List.of("10.0.18.198.in-addr.arpa."), zones("198.18.0.10/32"));
    }

    @Test
    public void ipv4SubnetsBetweenBoundariesAreCoveredExactlyByTheNextBoundary() {
        assertEquals(List.of("4.18.198.in-addr.arpa.", "5.18.198.in-addr.arpa.", "6.18.198.in-addr.arpa.",
                "7.18.198.in-addr.arpa."), zones("198.18.4.0/22"));
        List<String> quarter = zones("198.18.0.192/26");
        assertEquals(64, quarter.size());
        assertEquals("192.0.18.198.in-addr.arpa.", quarter.get(0));
        assertEquals("255.0.18.198.in-addr.arpa.", quarter.get(63));
    }

    @Test
    public void ipv6SubnetsOnNibbleBoundariesHaveOneZone() {
        assertEquals(List.of("0.0.0.0.0.0.0.0.b.0.0.0.0.0.d.f.ip6.arpa."), zones("fd00:b::/64"));
        assertEquals(List.of("0.0.0.0.b.0.0.0.0.0.d.f.ip6.arpa."), zones("fd00:b::/48"));
    }

    @Test
    public void ipv6SubnetsBetweenBoundariesAreCoveredExactly() {
        String rest = "0.0.0.0.0.0.0.b.0.0.0.0.0.d.f.ip6.arpa.";
        assertEquals(List.of("0." + rest, "1." + rest, "2." + rest, "3." + rest), zones("fd00:b::/62"));
    }
}
