package dev.berth.volumes.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.KeyAlgorithm;

public class VolumeOptionsTest {

    private final VolumeSettings settings = TestSettings.settings(Path.of("/run/test"));

    private String refusal(Map<String, String> options) {
        return assertThrows(VolumeRequestException.class, () -> VolumeOptions.parse(options, settings)).getMessage();
    }

    @Test
    public void readsEveryOption() throws Exception {
        VolumeOptions o = VolumeOptions.parse(Map.ofEntries(Map.entry("dns", "Web.Berth.Internal., api.berth.internal"),
                Map.entry("ip", "198.18.0.7, fd00::7"), Map.entry("ttl", "12h"), Map.entry("key", "ec-p384"),
                Map.entry("profile", "peer"), Map.entry("uid", "101"), Map.entry("gid", "102"), Map.entry("mode", "0400"),
                Map.entry("file-mode", "0640"), Map.entry("dir-mode", "0750"), Map.entry("cn", "web.berth.internal")),
                settings);
        assertEquals(List.of("web.berth.internal", "api.berth.internal"), o.dnsNames());
        assertEquals(List.of(InetAddress.getByName("198.18.0.7"), InetAddress.getByName("fd00::7")), o.ipAddresses());
        assertEquals(Duration.ofHours(12), o.ttl());
        assertEquals(KeyAlgorithm.EC_P384, o.keyAlgorithm());
        assertEquals(CertificateProfile.PEER, o.profile());
        assertEquals(101, o.uid());
        assertEquals(102, o.gid());
        assertEquals(0400, o.keyMode());
        assertEquals(0640, o.fileMode());
        assertEquals(0750, o.dirMode());
        assertEquals("web.berth.internal", o.commonName());
    }

    @Test
    public void defaultsAreTheSettingsAndOwnerOnlyFiles() {
        VolumeOptions o = VolumeOptions.parse(Map.of("dns", "web.berth.internal"), settings);
        assertEquals(Duration.ofHours(720), o.ttl());
        assertEquals(KeyAlgorithm.EC_P256, o.keyAlgorithm());
        assertEquals(CertificateProfile.SERVER, o.profile());
        assertEquals(0, o.uid());
        assertEquals(0600, o.keyMode());
        assertEquals(0644, o.fileMode());
        assertEquals(0700, o.dirMode());
        assertEquals(Duration.ofDays(30), VolumeOptions.duration("30d"));
        assertEquals(Duration.ofMinutes(90), VolumeOptions.duration("PT90M"));
    }

    @Test
    public void unknownOptionsAreRefusedByName() {
        String m = refusal(Map.of("dns", "web.berth.internal", "colour", "blue"));
        assertTrue(m, m.startsWith("unknown option colour; the berth volume driver knows dns, ip, cn, ttl"));
    }

    @Test
    public void malformedValuesAreRefusedWithTheirOption() {
        assertTrue(refusal(Map.of("dns", "web_1.example")).startsWith("dns: 'web_1.example' is not a DNS name"));
        assertTrue(refusal(Map.of("ip", "example.com")).startsWith("ip: 'example.com' is not an IP address"));
        assertTrue(refusal(Map.of("dns", "a.berth.internal", "ttl", "soon")).startsWith("ttl 'soon'"));
        assertTrue(refusal(Map.of("dns", "a.berth.internal", "key", "dsa")).startsWith("key: unknown key algorithm"));
        assertTrue(refusal(Map.of("dns", "a.berth.internal", "profile", "admin")).contains("not server, client or peer"));
        assertTrue(refusal(Map.of("dns", "a.berth.internal", "uid", "-1")).startsWith("uid '-1'"));
        assertTrue(refusal(Map.of("dns", "a.berth.internal", "file-mode", "rw")).startsWith("file-mode 'rw'"));
        assertTrue(refusal(Map.of("dns", "a.berth.internal", "issuer", "vault")).startsWith("issuer 'vault' is not berth"));
    }

    @Test
    public void theKeyStaysWithItsOwner() {
        String m = refusal(Map.of("dns", "a.berth.internal", "mode", "0640"));
        assertTrue(m, m.contains("would let others than the owner read the private key"));
    }

    @Test
    public void aServerCertificateNeedsNamesAndAShortLifetimeMustBeRenewable() {
        assertTrue(refusal(Map.of()).startsWith("a berth volume needs the names of its certificate"));
        assertEquals(CertificateProfile.CLIENT, VolumeOptions.parse(Map.of("profile", "client"), settings).profile());
        String m = refusal(Map.of("dns", "a.berth.internal", "ttl", "30s"));
        assertTrue(m, m.contains("at least 50 s"));
        assertEquals(Duration.ofSeconds(30), VolumeOptions.restore(Map.of("dns", "a.berth.internal", "ttl", "30s"),
                settings, Duration.ofSeconds(30)).ttl());
    }

    @Test
    public void anExistingSetIsMountedAsItIs() {
        VolumeOptions o = VolumeOptions.parse(Map.of("set", "web", "uid", "33"), settings);
        assertTrue(o.mountsExistingSet());
        assertEquals("web", o.existingSet());
        String m = refusal(Map.of("set", "web", "dns", "a.berth.internal"));
        assertTrue(m, m.contains("options [dns] apply only to a certificate the volume gets of its own"));
        assertTrue(refusal(Map.of("set", "../etc")).contains("not a certificate set name"));
    }

    @Test
    public void setNamesStayInTheClientsNamespace() {
        assertEquals("berth-volumes.web-certs", SetNames.forVolume("berth-volumes", "web-certs"));
        String upper = SetNames.forVolume("berth-volumes", "Web_Certs");
        assertTrue(upper, upper.matches("berth-volumes\\.web_certs-[0-9a-f]{10}"));
        String longName = SetNames.forVolume("berth-volumes", "x".repeat(200));
        assertTrue(longName, longName.length() <= 63 && longName.startsWith("berth-volumes.xxx"));
        assertTrue(!SetNames.forVolume("berth-volumes", "A").equals(SetNames.forVolume("berth-volumes", "a")));
    }
}
