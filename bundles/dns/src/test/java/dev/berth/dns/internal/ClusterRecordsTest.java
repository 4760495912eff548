package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsZone;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.store.internal.PostgresStore;
import dev.berth.testing.Deadline;

/** Two nodes sharing one store: each serves the other's records and never withdraws or deletes them. */
public class ClusterRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ClassRule
    public static final DnsTestStore DATABASE = new DnsTestStore();
    private static PostgresStore store;
    private DnsService a;
    private DnsService b;

    @Before
    public void emptyTables() {
        DATABASE.emptyTables();
        store = DATABASE.store();
    }

    @After
    public void stop() {
        for (DnsService d : new DnsService[] {a, b}) {
            if (d != null) {
                d.close();
            }
        }
    }

    private void bothNodes() {
        a = node("a");
        b = node("b");
        a.bindStore(store);
        b.bindStore(store);
    }

    private static DnsService node(String name) {
        return new DnsService(TestConfig.settings(Map.of("host_name", name, "cluster_poll_seconds", 1)));
    }

    /** Publishes a network "back" with a gateway that is no address of this host, and a container "db" on it. */
    private static void publishDb(DnsService d, String id, String subnet, String address) {
        d.publishNetwork(new DnsNetwork("net-" + id, "back", List.of(IpPrefix.parse(subnet)),
                List.of(IpPrefix.parseAddress(address.replaceAll("\\d+$", "1")))));
        d.publishEndpoint(new DnsEndpoint("ep-" + id, "back", "c-" + id, "db", List.of(),
                List.of(IpPrefix.parseAddress(address))));
        // each node's replica of the service "db" has a weight of its own, so that their SRV records differ
        d.publishLabels(new ContainerLabels("c-" + id, "db", Map.of("berth.dns.srv.pg",
                "_pg._tcp.db 5432 weight=" + (id.equals("a") ? 10 : 20))));
    }

    private static void awaitSaved(DnsService d) {
        Deadline.await("changes saved", WAIT, () -> d.statistics().get("store.pending"), n -> n == 0L);
    }

    private static List<String> answer(DnsService d, String name, int type) throws Exception {
        return Client.answer(new Client(d.listening().get(0)).ask(name, type));
    }

    private static int rows(String table, String node) {
        return store.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE node = ?")) {
                p.setString(1, node);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Test
    public void eachNodeServesTheOthersRecordsButListsOnlyItsOwn() throws Exception {
        bothNodes();
        publishDb(a, "a", "198.18.0.0/24", "198.18.0.10");
        publishDb(b, "b", "198.19.0.0/24", "198.19.0.20");

        List<String> both = List.of("db.back.berth.internal. 10 IN A 198.18.0.10",
                "db.back.berth.internal. 10 IN A 198.19.0.20");
        Deadline.await("node b's db in node a's answers", WAIT,
                () -> answer(a, "db.back.berth.internal.", Type.A).stream().sorted().toList(), both::equals);
        Deadline.await("node a's db in node b's answers", WAIT,
                () -> answer(b, "db.back.berth.internal.", Type.A).stream().sorted().toList(), both::equals);
        assertEquals(List.of("db.berth.internal. 10 IN A 198.18.0.10", "db.berth.internal. 10 IN A 198.19.0.20"),
                answer(a, "db.berth.internal.", Type.A).stream().sorted().toList());
        assertEquals("the other node's subnet has its reverse zone here",
                List.of("20.0.19.198.in-addr.arpa. 10 IN PTR db.back.berth.internal."),
                answer(a, "20.0.19.198.in-addr.arpa.", Type.PTR));
        assertTrue(a.zones().stream().anyMatch(z -> z.name().equals("0.19.198.in-addr.arpa.")
                && z.networks().equals(List.of("back@b"))));
        Message srv = new Client(a.listening().get(0)).ask("_pg._tcp.db.berth.internal.", Type.SRV);
        assertEquals("one SRV RRset lists the providers of every node",
                List.of("_pg._tcp.db.berth.internal. 10 IN SRV 10 10 5432 db.berth.internal.",
                        "_pg._tcp.db.berth.internal. 10 IN SRV 10 20 5432 db.berth.internal."),
                Client.answer(srv).stream().sorted().toList());
        assertTrue(Client.section(srv, Section.ADDITIONAL).contains("db.berth.internal. 10 IN A 198.19.0.20"));

        assertEquals(List.of("ep-a"), a.endpoints().stream().map(DnsEndpoint::endpointId).toList());
        assertEquals(List.of("net-a"), a.networks().stream().map(DnsNetwork::id).toList());
        assertEquals(List.of("c-a"), a.labelledContainers().stream().map(ContainerLabels::containerId).toList());
        assertEquals(List.of("ep-b"), b.endpoints().stream().map(DnsEndpoint::endpointId).toList());
        assertEquals(1L, (long) a.statistics().get("cluster.nodes"));
        assertEquals(1L, (long) a.statistics().get("cluster.endpoints"));
        // node a tries its own gateway (no address of this test's host) and never node b's
        Deadline.await("node a to try its own gateway", WAIT, a::listenFailures, f -> !f.isEmpty());
        assertEquals(List.of("198.18.0.1"), a.listenFailures().stream().map(f -> f.substring(0, f.indexOf(' ')))
                .toList());
    }

    @Test
    public void aWithdrawalOnTheOtherNodeLeavesTheAnswersWithinThePoll() throws Exception {
        bothNodes();
        publishDb(b, "b", "198.19.0.0/24", "198.19.0.20");
        Deadline.await("node b's db in node a's answers", WAIT,
                () -> answer(a, "db.back.berth.internal.", Type.A).size(), n -> n == 1);

        b.withdrawEndpoint("ep-b");
        b.withdrawLabels("c-b");
        b.withdrawNetwork("net-b");
        Deadline.await("node b's db to leave node a's answers", WAIT,
                () -> new Client(a.listening().get(0)).ask("db.back.berth.internal.", Type.A).getRcode(),
                r -> r == Rcode.NXDOMAIN);
        Deadline.await("node b's reverse zone to leave node a", WAIT,
                () -> a.zones().stream().map(DnsZone::name).toList(), z -> !z.contains("0.19.198.in-addr.arpa."));
        assertEquals(List.of(), answer(a, "_pg._tcp.db.berth.internal.", Type.SRV));
        assertEquals(0L, (long) a.statistics().get("cluster.endpoints"));
    }

    @Test
    public void aResyncOnOneNodeNeverDeletesTheOtherNodesRows() throws Exception {
        b = node("b");
        b.bindStore(store);
        publishDb(b, "b", "198.19.0.0/24", "198.19.0.20");
        awaitSaved(b);

        a = node("a");
        a.bindStore(store);
        publishDb(a, "a", "198.18.0.0/24", "198.18.0.10");
        Deadline.await("node b's db in node a's answers", WAIT,
                () -> answer(a, "db.back.berth.internal.", Type.A).size(), n -> n == 2);
        assertEquals("node b's rows, loaded by node a, are not node a's to withdraw", List.of("ep-a"),
                a.endpoints().stream().map(DnsEndpoint::endpointId).toList());
        assertEquals(List.of("c-a"), a.labelledContainers().stream().map(ContainerLabels::containerId).toList());
        assertEquals(List.of("net-a"), a.networks().stream().map(DnsNetwork::id).toList());
        // as the tags bundle's resync does when node a's Docker has no container left
        a.endpoints().forEach(e -> a.withdrawEndpoint(e.endpointId()));
        a.labelledContainers().forEach(l -> a.withdrawLabels(l.containerId()));
        a.networks().forEach(n -> a.withdrawNetwork(n.id()));
        // node b's IDs published and withdrawn here too (the same host under two node names): its rows stay
        publishDb(a, "b", "198.19.0.0/24", "198.19.0.20");
        awaitSaved(a);
        a.withdrawEndpoint("ep-b");
        a.withdrawLabels("c-b");
        a.withdrawNetwork("net-b");
        awaitSaved(a);

        for (String table : List.of("dns_endpoint", "dns_container", "dns_network")) {
            assertEquals(table, 0, rows(table, "a"));
            assertEquals(table, 1, rows(table, "b"));
        }
        assertEquals(List.of("db.back.berth.internal. 10 IN A 198.19.0.20"),
                answer(a, "db.back.berth.internal.", Type.A));
        assertEquals(List.of("ep-b"), b.endpoints().stream().map(DnsEndpoint::endpointId).toList());
    }

    @Test
    public void rowsFromBeforeNodesAreClaimedByTheFirstNodeThatLoadsThem() throws Exception {
        // rows as the tables held them before migration V2: its default gives them no node
        store.transaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO dns_network (network_id, name, subnets, gateways) "
                    + "VALUES ('net-old', 'back', '198.18.0.0/24', '')");
            c.createStatement().executeUpdate("INSERT INTO dns_endpoint (endpoint_id, network, container_id, "
                    + "container_name, aliases, addresses) VALUES ('ep-old', 'back', 'c-old', 'old', '', "
                    + "'198.18.0.5')");
            c.createStatement().executeUpdate("INSERT INTO dns_container (container_id, container_name) "
                    + "VALUES ('c-old', 'old')");
            c.createStatement().executeUpdate("INSERT INTO dns_label (container_id, label, value) "
                    + "VALUES ('c-old', 'berth.dns.txt.x', 'old hello')");
            return null;
        });
        a = node("a");
        a.bindStore(store);
        Deadline.await("node a to load the old rows", WAIT, a::endpoints, e -> !e.isEmpty());
        b = node("b");
        b.bindStore(store);
        Deadline.await("node a's claimed rows in node b's answers", WAIT,
                () -> answer(b, "old.berth.internal.", Type.A), r -> r.size() == 1);

        assertEquals(List.of("ep-old"), a.endpoints().stream().map(DnsEndpoint::endpointId).toList());
        assertEquals(List.of("net-old"), a.networks().stream().map(DnsNetwork::id).toList());
        assertEquals(List.of("c-old"), a.labelledContainers().stream().map(ContainerLabels::containerId).toList());
        assertEquals("claimed once: node b found them node a's", List.of(), b.endpoints());
        assertEquals(List.of(), b.labelledContainers());
        for (String table : List.of("dns_endpoint", "dns_container", "dns_network")) {
            assertEquals(table, 1, rows(table, "a"));
            assertEquals(table, 0, rows(table, ""));
        }
        assertEquals(List.of("old.berth.internal. 10 IN TXT \"hello\""), answer(b, "old.berth.internal.", Type.TXT));
    }

    @Test
    public void staticRecordsAreSharedByEveryNode() throws Exception {
        bothNodes();
        a.addStaticRecord(DnsRecord.of("shared", "TXT", 60, "\"from a\""));
        Deadline.await("node a's static record on node b", WAIT, () -> answer(b, "shared.berth.internal.", Type.TXT),
                r -> r.equals(List.of("shared.berth.internal. 60 IN TXT \"from a\"")));
        assertEquals(1, b.removeStaticRecords("shared", "TXT", ""));
        Deadline.await("the removal on node b to reach node a", WAIT,
                () -> new Client(a.listening().get(0)).ask("shared.berth.internal.", Type.TXT).getRcode(),
                r -> r == Rcode.NXDOMAIN);
    }
}
