package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import dev.berth.dns.api.DnsNetwork;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.testing.Deadline;

/** The server follows the networks' gateways, and retries what it cannot bind yet. */
public class ListenersTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    public void listensOnEveryGatewayAndStopsWithTheNetwork() throws Exception {
        DnsService dns = new DnsService(TestConfig.settings());
        try {
            InetAddress gateway = IpPrefix.parseAddress("127.0.0.2");
            dns.publishNetwork(new DnsNetwork("n1", "front", List.of(IpPrefix.parse("127.0.0.0/30")),
                    List.of(gateway)));
            InetSocketAddress on = Deadline.await("a listener on the gateway", WAIT, () -> dns.listening().stream()
                    .filter(a -> a.getAddress().equals(gateway)).findFirst().orElse(null), a -> a != null);
            assertEquals(Rcode.NOERROR, new Client(on).ask("berth.internal.", Type.SOA).getRcode());
            assertTrue("the server's own name has the gateway's address", Client.answer(new Client(on)
                    .ask("ns.berth.internal.", Type.A)).contains("ns.berth.internal. 10 IN A 127.0.0.2"));
            dns.withdrawNetwork("n1");
            Deadline.await("the gateway's listener to stop", WAIT, dns::listening, l -> l.size() == 1);
        } finally {
            dns.close();
        }
    }

    @Test
    public void anAddressNotOnThisHostIsRetriedAndReported() {
        DnsService dns = new DnsService(TestConfig.settings());
        try {
            dns.publishNetwork(new DnsNetwork("n1", "", List.of(IpPrefix.parse("192.0.2.0/24")),
                    List.of(IpPrefix.parseAddress("192.0.2.1"))));
            List<String> failures = Deadline.await("the failure to show", WAIT, dns::listenFailures, f -> !f.isEmpty());
            assertTrue(failures.toString(), failures.get(0).startsWith("192.0.2.1 port 0: "));
            dns.withdrawNetwork("n1");
            Deadline.await("the failure to go with the network", WAIT, dns::listenFailures, List::isEmpty);
        } finally {
            dns.close();
        }
    }

    @Test
    public void aPortHeldByAnotherServerIsNotSharedButRetried() throws Exception {
        ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        int port = other.getLocalPort();
        DnsService dns = new DnsService(TestConfig.settings(Map.of("port", port)));
        try {
            assertEquals(List.of(), dns.listening());
            assertTrue(dns.listenFailures().get(0), dns.listenFailures().get(0).contains("port " + port));
            other.close();
            InetSocketAddress on = Deadline.await("the listener once the port is free", WAIT,
                    () -> dns.listening().stream().findFirst().orElse(null), a -> a != null);
            assertEquals(port, on.getPort());
            assertEquals(Rcode.NOERROR, new Client(on).ask("berth.internal.", Type.SOA).getRcode());
        } finally {
            other.close();
            dns.close();
        }
    }
}
