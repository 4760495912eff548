package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.ipam.api.IpPrefix;

/** Debian's dig against the server, when dnsutils is installed: the tool operators and the end-to-end test use. */
public class DigTest {

    private DnsService dns;
    private InetSocketAddress v4;
    private InetSocketAddress v6;

    @Before
    public void start() {
        assumeTrue("dig (dnsutils) is installed", Files.isExecutable(Path.of("/usr/bin/dig")));
        dns = new DnsService(TestConfig.settings(Map.of("listen_addresses", new String[] {"127.0.0.1", "::1"})));
        v4 = dns.listening().get(0);
        v6 = dns.listening().get(1);
        dns.publishNetwork(new DnsNetwork("n1", "front", List.of(IpPrefix.parse("198.18.0.0/24"),
                IpPrefix.parse("fd00:b::/64")), List.of()));
        dns.publishEndpoint(new DnsEndpoint("ep1", "front", "c1", "web-1", List.of(),
                List.of(IpPrefix.parseAddress("198.18.0.10"), IpPrefix.parseAddress("fd00:b::a"))));
        dns.publishLabels(new ContainerLabels("c1", "web-1", Map.of("berth.dns.srv.http", "_http._tcp.web 8080",
                "berth.dns.txt.owner", "web-1 team=a")));
    }

    @After
    public void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private static List<String> dig(InetSocketAddress server, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/dig", "@" + server.getAddress().getHostAddress(),
                "-p", String.valueOf(server.getPort()), "+time=3", "+tries=1"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue("dig finished", p.waitFor(20, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    public void digGetsAAaaaPtrSrvAndTxt() throws Exception {
        assertEquals(List.of("198.18.0.10"), dig(v4, "+short", "web-1.berth.internal", "A"));
        assertEquals(List.of("fd00:b::a"), dig(v6, "+short", "web-1.front.berth.internal", "AAAA"));
        assertEquals(List.of("web-1.front.berth.internal."), dig(v4, "+short", "-x", "198.18.0.10"));
        assertEquals(List.of("web-1.front.berth.internal."), dig(v6, "+short", "-x", "fd00:b::a"));
        assertEquals(List.of("10 10 8080 web-1.berth.internal."), dig(v4, "+short", "_http._tcp.web.berth.internal",
                "SRV"));
        assertEquals(List.of("\"team=a\""), dig(v4, "+short", "+tcp", "web-1.berth.internal", "TXT"));
    }

    @Test
    public void digSeesAuthorityNxdomainAndTruncation() throws Exception {
        List<String> full = dig(v4, "nobody.berth.internal", "A");
        assertTrue(full.toString(), full.stream().anyMatch(l -> l.contains("status: NXDOMAIN")));
        assertTrue(full.toString(), full.stream().anyMatch(l -> l.contains("flags: qr aa rd")));
        for (int i = 0; i < 100; i++) {
            dns.addStaticRecord(DnsRecord.of("many", "AAAA", 60, "fd00:c::" + Integer.toHexString(i + 1)));
        }
        List<String> udp = dig(v4, "+ignore", "+bufsize=1232", "many.berth.internal", "AAAA");
        assertTrue(udp.toString(), udp.stream().anyMatch(l -> l.contains(" tc ") || l.contains(" tc;")));
        assertEquals(100, dig(v4, "+short", "many.berth.internal", "AAAA").size());
    }
}
