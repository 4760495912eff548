package dev.berth.ipam.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;

import org.junit.Test;

public class IpPrefixTest {

    @Test
    public void parsesAndNormalizesIpv4() {
        IpPrefix p = IpPrefix.parse("198.18.3.7/24");
        assertEquals("198.18.3.0/24", p.toString());
        assertEquals("198.18.3.255", IpPrefix.format(p.last()));
        assertEquals(BigInteger.valueOf(256), p.size());
        assertEquals("198.18.3.9", IpPrefix.format(p.addressAt(BigInteger.valueOf(9))));
        assertEquals("198.18.0.1/32", IpPrefix.parse("198.18.0.1").toString());
    }

    @Test
    public void parsesAndFormatsIpv6CanonicallyAsRfc5952Says() {
        IpPrefix p = IpPrefix.parse("FD00:0:0:0:0:0:0:0/64");
        assertEquals("fd00::/64", p.toString());
        assertTrue(p.isIpv6());
        assertEquals("fd00::ffff:ffff:ffff:ffff", IpPrefix.format(p.last()));
        assertEquals("2001:db8::1:0:0:1", IpPrefix.format(IpPrefix.parseAddress("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", IpPrefix.format(IpPrefix.parseAddress("2001:db8:0:1:1:1:1:1")));
        assertEquals("::", IpPrefix.format(IpPrefix.parseAddress("::")));
        assertEquals("::1", IpPrefix.format(IpPrefix.parseAddress("0:0:0:0:0:0:0:1")));
        assertEquals("fd00:1::", IpPrefix.format(IpPrefix.parseAddress("fd00:1:0:0:0:0:0:0")));
    }

    @Test
    public void containmentAndOverlap() {
        IpPrefix big = IpPrefix.parse("198.18.0.0/16");
        IpPrefix small = IpPrefix.parse("198.18.200.0/24");
        assertTrue(big.contains(small));
        assertFalse(small.contains(big));
        assertTrue(small.overlaps(big));
        assertFalse(small.overlaps(IpPrefix.parse("198.18.201.0/24")));
        assertFalse(big.contains(IpPrefix.parseAddress("fd00::1")));
        assertFalse(big.overlaps(IpPrefix.parse("fd00::/8")));
    }

    @Test
    public void refusesWhatIsNotALiteralWithoutResolvingIt() {
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("localhost"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("example.com"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("198.18.0"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("198.18.0.256"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("198.018.0.1"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("fd00::1%eth0"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress("::ffff:198.18.0.1"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("198.18.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("198.18.0.0/"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("fd00::/129"));
    }
}
