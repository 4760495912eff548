package dev.berth.certs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;

public class NamePolicyTest {

    @Test
    public void patternsMatchExactlyOneLabelOrAnyDepth() {
        assertTrue(NamePolicy.matches("db.berth.internal", "db.berth.internal"));
        assertFalse(NamePolicy.matches("db.berth.internal", "x.db.berth.internal"));
        assertTrue(NamePolicy.matches("*.vol.berth.internal", "a.vol.berth.internal"));
        assertTrue(NamePolicy.matches("*.vol.berth.internal", "*.vol.berth.internal"));
        assertFalse(NamePolicy.matches("*.vol.berth.internal", "a.b.vol.berth.internal"));
        assertFalse(NamePolicy.matches("*.vol.berth.internal", "vol.berth.internal"));
        assertFalse(NamePolicy.matches("*.vol.berth.internal", "evilvol.berth.internal"));
        assertTrue(NamePolicy.matches("**.berth.internal", "a.b.berth.internal"));
        assertFalse(NamePolicy.matches("**.berth.internal", "berth.internal"));
        assertFalse(NamePolicy.matches("**.berth.internal", "notberth.internal"));
        assertFalse(NamePolicy.matches("**.berth.internal", "*.berth.internal"));
    }

    @Test
    public void refusesTheFirstNameAddressOrLifetimeOutsideThePolicy() throws Exception {
        NamePolicy policy = NamePolicy.parse(List.of("*.vol.berth.internal"), List.of("10.1.0.0/16", "fd00::/8"),
                Duration.ofDays(10));
        policy.check("c", List.of("a.vol.berth.internal"), List.of(InetAddress.getByName("10.1.200.3"),
                InetAddress.getByName("fd00::5")), Duration.ofDays(10));
        CertificateManagerException name = assertThrows(CertificateManagerException.class, () -> policy.check("c",
                List.of("a.vol.berth.internal", "db.berth.internal"), List.of(), Duration.ofDays(1)));
        assertEquals(Reason.POLICY, name.reason());
        assertTrue(name.getMessage(), name.getMessage().contains("'db.berth.internal'"));
        assertThrows(CertificateManagerException.class, () -> policy.check("c", List.of(),
                List.of(InetAddress.getByName("10.2.0.1")), Duration.ofDays(1)));
        assertThrows(CertificateManagerException.class, () -> policy.check("c", List.of(),
                List.of(InetAddress.getByName("10.1.0.1")), Duration.ofDays(11)));
        // an IPv4 address is never inside an IPv6 range and the other way round
        assertThrows(CertificateManagerException.class, () -> NamePolicy.parse(List.of(), List.of("::/0"),
                Duration.ofDays(1)).check("c", List.of(), List.of(InetAddress.getByName("10.0.0.1")), Duration.ofDays(1)));
    }

    @Test
    public void malformedNamesAndRangesAreInvalid() {
        assertEquals("web.berth.internal", NamePolicy.checkDnsName("Web.Berth.Internal."));
        for (String bad : List.of("", "-a.example", "a..example", "a_b.example", "a.*.example", "x".repeat(64) + ".e")) {
            assertEquals(bad, Reason.INVALID, assertThrows(CertificateManagerException.class,
                    () -> NamePolicy.checkDnsName(bad)).reason());
        }
        assertThrows(CertificateManagerException.class, () -> IpRange.parse("10.0.0.0/33"));
        assertThrows(CertificateManagerException.class, () -> IpRange.parse("example.com/8"));
    }
}
