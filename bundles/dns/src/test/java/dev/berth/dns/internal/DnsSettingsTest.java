package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;

public class DnsSettingsTest {

    private static String refused(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> new DnsService(TestConfig.of(values))).getMessage();
    }

    @Test
    public void defaultsAreSane() {
        DnsSettings s = TestConfig.settings(Map.of("port", 53, "listen_addresses", new String[] {"127.0.0.1", "::1"}));
        assertEquals("berth.internal.", s.zone().toString());
        assertEquals("ns.berth.internal.", s.nameserver().toString());
        assertEquals(List.of(IpPrefix.parseAddress("127.0.0.1"), IpPrefix.parseAddress("::1")), s.listenAddresses());
        assertEquals(List.of(IpPrefix.parse("127.0.0.0/8"), IpPrefix.parse("::1/128")), s.recursionClients());
        assertEquals(List.of(), s.transferPeers());
        assertEquals(List.of(), s.forwarders());
    }

    @Test
    public void listsFromCfgFilesAreSplitOnCommas() {
        DnsSettings s = TestConfig.settings(Map.of("listen_addresses", new String[] {"127.0.0.1, ::1"},
                "forwarders", new String[] {"192.0.2.53,[fd00::53]:5353 192.0.2.54:54"},
                "extra_zones", new String[] {"example.test"}));
        assertEquals(2, s.listenAddresses().size());
        assertEquals(List.of(new InetSocketAddress(IpPrefix.parseAddress("192.0.2.53"), 53),
                new InetSocketAddress(IpPrefix.parseAddress("fd00::53"), 5353),
                new InetSocketAddress(IpPrefix.parseAddress("192.0.2.54"), 54)), s.forwarders());
        assertEquals("example.test.", s.extraZones().get(0).toString());
    }

    @Test
    public void upstreamsComeFromResolvConfWhenNoneAreConfigured() throws Exception {
        Path conf = Files.createTempFile("resolv", ".conf");
        try {
            Files.writeString(conf, "# comment\nsearch example.test\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\n"
                    + "nameserver fd00::53\nnameserver bogus\noptions ndots:2\n");
            DnsSettings s = TestConfig.settings(Map.of("resolv_conf", conf.toString()));
            assertEquals(List.of(new InetSocketAddress(IpPrefix.parseAddress("192.0.2.53"), 53),
                    new InetSocketAddress(IpPrefix.parseAddress("fd00::53"), 53)), s.forwarders());
        } finally {
            Files.delete(conf);
        }
    }

    @Test
    public void badSettingsAreRefusedByName() {
        assertTrue(refused(Map.of("port", 70000)).startsWith("port:"));
        assertTrue(refused(Map.of("zone", "bad zone")).startsWith("zone:"));
        assertTrue(refused(Map.of("zone", ".")).startsWith("zone:"));
        assertTrue(refused(Map.of("listen_addresses", new String[] {"localhost"})).startsWith("listen.addresses:"));
        assertTrue(refused(Map.of("recursion_clients", new String[] {"10.0.0.0/33"})).startsWith("recursion.clients:"));
        assertTrue(refused(Map.of("transfer_peers", new String[] {"x"})).startsWith("transfer.peers:"));
        assertTrue(refused(Map.of("forwarders", new String[] {"192.0.2.1:0"})).startsWith("forwarders:"));
        assertTrue(refused(Map.of("udp_payload", 100)).startsWith("udp.payload:"));
        assertTrue(refused(Map.of("extra_zones", new String[] {"sub.berth.internal"})).startsWith("extra.zones:"));
        assertTrue(refused(Map.of("nameserver", "a b")).startsWith("nameserver:"));
        assertTrue(refused(Map.of("cluster_poll_seconds", -1)).startsWith("cluster.poll.seconds:"));
    }

    @Test
    public void theNodeIsTheKernelsHostNameUnlessSet() throws Exception {
        Path kernel = Files.createTempFile("hostname", "");
        try {
            Files.writeString(kernel, "node-7\n");
            assertEquals("node-7", DnsSettings.node("", kernel));
            assertEquals("b", DnsSettings.node(" b ", kernel));
            Files.writeString(kernel, "\n");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> DnsSettings.node("", kernel)).getMessage()
                    .startsWith("host.name:"));
        } finally {
            Files.delete(kernel);
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DnsSettings.node("", Path.of("/nonexistent/hostname"))).getMessage().startsWith("host.name:"));
        DnsSettings s = TestConfig.settings(Map.of("host_name", "a", "cluster_poll_seconds", 0));
        assertEquals("a", s.node());
        assertTrue(s.clusterPoll().isZero());
        assertEquals(Duration.ofSeconds(5), TestConfig.settings().clusterPoll());
    }
}
