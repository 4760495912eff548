package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsZone;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.store.api.Migration;
import dev.berth.store.api.SqlWork;
import dev.berth.store.api.Store;
import dev.berth.store.api.StoreException;
import dev.berth.store.api.StoreStatus;
import dev.berth.store.internal.PostgresStore;
import dev.berth.testing.Deadline;

/** The registry survives restarts through the store, and keeps serving while the store is away. */
public class StoreSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ClassRule
    public static final DnsTestStore DATABASE = new DnsTestStore();
    private static PostgresStore store;
    private DnsService dns;

    @Before
    public void emptyTables() {
        DATABASE.emptyTables();
        store = DATABASE.store();
    }

    @After
    public void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private static DnsService started() {
        return new DnsService(TestConfig.settings());
    }

    private static void publishSome(DnsService d) {
        d.publishNetwork(new DnsNetwork("n1", "front", List.of(IpPrefix.parse("198.18.0.0/24")), List.of()));
        d.publishEndpoint(new DnsEndpoint("ep1", "front", "c1", "web-1", List.of("www"),
                List.of(IpPrefix.parseAddress("198.18.0.10"), IpPrefix.parseAddress("fd00:b::a"))));
        d.publishLabels(new ContainerLabels("c1", "web-1", Map.of("berth.dns.txt.x", "web-1 it's me",
                "berth.dns.srv.http", "_http._tcp 80", "unrelated", "dropped")));
        d.addStaticRecord(DnsRecord.of("api", "CNAME", 60, "web-1"));
    }

    private static int rows(String table) {
        return store.transaction(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private static void awaitSaved(DnsService d) {
        Deadline.await("changes saved", WAIT, () -> d.statistics().get("store.pending"), n -> n == 0L);
    }

    @Test
    public void everythingComesBackAfterARestart() throws Exception {
        dns = started();
        dns.bindStore(store);
        publishSome(dns);
        awaitSaved(dns);
        List<DnsRecord> before = dns.records("berth.internal");
        List<DnsZone> zonesBefore = dns.zones();
        dns.close();

        dns = started();
        dns.bindStore(store);
        Client client = new Client(dns.listening().get(0));
        Deadline.await("web-1 to resolve after the restart", WAIT,
                () -> Client.answer(client.ask("web-1.berth.internal.", Type.A)), a -> a.size() == 1);
        assertEquals(before.stream().skip(1).toList(), dns.records("berth.internal").stream().skip(1).toList());
        assertEquals(zonesBefore.stream().map(DnsZone::name).toList(),
                dns.zones().stream().map(DnsZone::name).toList());
        assertEquals(List.of("10.0.18.198.in-addr.arpa. 10 IN PTR web-1.front.berth.internal."),
                Client.answer(client.ask("10.0.18.198.in-addr.arpa.", Type.PTR)));
        assertEquals("only the DNS labels are kept", 2, rows("dns_label"));
        assertEquals(List.of("ep1"), dns.endpoints().stream().map(DnsEndpoint::endpointId).toList());
        assertEquals(List.of("n1"), dns.networks().stream().map(DnsNetwork::id).toList());
        assertEquals(Map.of("berth.dns.txt.x", "web-1 it's me", "berth.dns.srv.http", "_http._tcp 80"),
                dns.labelledContainers().get(0).labels());
    }

    @Test
    public void aFailingStoreIsRetriedWhileTheServerAnswers() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Store flaky = new Store() {
            @Override
            public <T> T transaction(SqlWork<T> work) {
                if (failing.get()) {
                    throw new StoreException("connection refused (simulated)");
                }
                return store.transaction(work);
            }

            @Override
            public int migrate(String component, List<Migration> migrations) {
                if (failing.get()) {
                    throw new StoreException("connection refused (simulated)");
                }
                return store.migrate(component, migrations);
            }

            @Override
            public StoreStatus status() {
                return store.status();
            }
        };
        dns = started();
        dns.bindStore(flaky);
        publishSome(dns);
        assertEquals(Rcode.NOERROR, new Client(dns.listening().get(0)).ask("web-1.berth.internal.", Type.A).getRcode());
        assertTrue(dns.statistics().get("store.pending") > 0);
        failing.set(false);
        awaitSaved(dns);
        assertEquals(1, rows("dns_endpoint"));
    }

    @Test
    public void containersWithoutDnsLabelsCostNothing() {
        dns = started();
        dns.bindStore(store);
        assertEquals(List.of(), dns.publishLabels(new ContainerLabels("c9", "plain", Map.of("maintainer", "me",
                "com.docker.compose.service", "plain"))));
        awaitSaved(dns);
        assertEquals(0, rows("dns_container"));
    }

    @Test
    public void withdrawalsAreSavedToo() {
        dns = started();
        dns.bindStore(store);
        publishSome(dns);
        dns.withdrawEndpoint("ep1");
        dns.withdrawLabels("c1");
        dns.withdrawNetwork("n1");
        dns.removeStaticRecords("api", "CNAME", "");
        awaitSaved(dns);
        for (String table : List.of("dns_endpoint", "dns_container", "dns_label", "dns_network", "dns_static_record")) {
            assertEquals(table, 0, rows(table));
        }
    }

    @Test
    public void servesFromMemoryWithoutTheStoreAndSavesWhenItComes() throws Exception {
        dns = started();
        publishSome(dns);
        Client client = new Client(dns.listening().get(0));
        assertEquals(Rcode.NOERROR, client.ask("web-1.berth.internal.", Type.A).getRcode());
        assertTrue(dns.statistics().get("store.pending") > 0);
        assertEquals(0, rows("dns_endpoint"));

        dns.bindStore(store);
        awaitSaved(dns);
        assertEquals(1, rows("dns_endpoint"));
        assertEquals(Rcode.NOERROR, client.ask("web-1.berth.internal.", Type.A).getRcode());

        dns.unbindStore(store);
        dns.withdrawEndpoint("ep1");
        assertEquals(Rcode.NXDOMAIN, client.ask("www.front.berth.internal.", Type.A).getRcode());
        assertEquals(1L, (long) dns.statistics().get("store.pending"));
        dns.bindStore(store);
        awaitSaved(dns);
        assertEquals(0, rows("dns_endpoint"));
        assertEquals("the store's copy did not bring the withdrawn endpoint back", Rcode.NXDOMAIN,
                client.ask("www.front.berth.internal.", Type.A).getRcode());
    }
}
