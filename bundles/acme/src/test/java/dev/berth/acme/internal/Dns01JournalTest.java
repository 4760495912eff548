package dev.berth.acme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.acme.api.AcmeChallenge;
import dev.berth.acme.api.AcmeException;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsRegistry;
import dev.berth.dns.internal.AcmeTestDns;
import dev.berth.dns.internal.DnsService;

/**
 * dns-01 records left by an issuance that never finished (the solver dropped without being closed, as when Berth
 * is killed) are removed by the next solver or the next start of the ACME client, and only those: an operator's own
 * {@code _acme-challenge} record stays. On Berth's real DNS server.
 */
public class Dns01JournalTest {

    private static final String ZONE = "journal.berth-acme.test";
    private static final String WWW = "_acme-challenge.www." + ZONE + ".";
    private static final String API = "_acme-challenge.api." + ZONE + ".";
    private static final String OPERATORS = "\"the operator's own value\"";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private DnsService dns;
    private Path journal;

    @Before
    public void start() throws Exception {
        dns = AcmeTestDns.start(ZONE);
        journal = temp.getRoot().toPath().resolve(AcmeSettings.JOURNAL);
        dns.addStaticRecord(DnsRecord.of(WWW, "TXT", 300, OPERATORS));
    }

    @After
    public void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private Set<String> txt() {
        return dns.records(ZONE).stream().filter(r -> r.type().equals("TXT"))
                .map(r -> r.name() + " " + r.data()).collect(Collectors.toSet());
    }

    /** A solver of a Berth that is killed during its issuance: it publishes and is never closed. */
    private Set<String> killedDuringAnIssuance() {
        Dns01Solver killed = new Dns01Solver(dns, dns, "", new Dns01Journal(journal));
        killed.prepare("www." + ZONE, "t1", "t1.thumbprint");
        killed.prepare("api." + ZONE, "t2", "t2.thumbprint");
        Set<String> published = Set.of(WWW + " \"" + Dns01Solver.txtValue("t1.thumbprint") + "\"",
                API + " \"" + Dns01Solver.txtValue("t2.thumbprint") + "\"");
        assertEquals(union(published, Set.of(WWW + " " + OPERATORS)), txt());
        return published;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }

    @Test
    public void aNewSolverRemovesTheRecordsAKilledOneLeftAndNotTheOperatorsOwn() throws Exception {
        killedDuringAnIssuance();
        assertTrue("journaled before published", Files.readString(journal).contains(WWW));

        Dns01Solver next = new Dns01Solver(dns, dns, "", new Dns01Journal(journal)); // Berth started again
        assertEquals(Set.of(WWW + " " + OPERATORS), txt());
        assertEquals("", Files.readString(journal));

        next.prepare("www." + ZONE, "t3", "t3.thumbprint");
        next.close();
        assertEquals("a solver closed normally leaves nothing", Set.of(WWW + " " + OPERATORS), txt());
        assertEquals("", Files.readString(journal));
    }

    @Test
    public void theAcmeClientRemovesThemWhenItGetsTheDnsRegistry() {
        killedDuringAnIssuance();
        AcmeIssuerService issuer = new AcmeIssuerService(new AcmeSettings(URI.create("https://127.0.0.1:1/dir"),
                null, List.of(), true, new InetSocketAddress("127.0.0.1", 0), false, Duration.ofSeconds(5),
                AcmeChallenge.DNS_01, "", journal));
        issuer.bindDnsRegistry(dns);
        assertEquals(Set.of(WWW + " " + OPERATORS), txt());
    }

    @Test
    public void theRecordsOfASolverAtWorkAreNotLeftovers() {
        Dns01Journal shared = new Dns01Journal(journal);
        Dns01Solver working = new Dns01Solver(dns, dns, "", shared);
        working.prepare("www." + ZONE, "t1", "t1.thumbprint");
        assertEquals(List.of(), shared.removeLeftovers(dns));
        assertEquals(2, txt().size());
        working.close();
        assertEquals(Set.of(WWW + " " + OPERATORS), txt());
    }

    @Test
    public void aRecordWhoseRemovalFailedStaysJournaledAndGoesLater() {
        DnsRegistry failingRemoval = (DnsRegistry) Proxy.newProxyInstance(DnsRegistry.class.getClassLoader(),
                new Class<?>[] {DnsRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("removeStaticRecords")) {
                        throw new IllegalStateException("the DNS bundle is stopping");
                    }
                    try {
                        return method.invoke(dns, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Dns01Solver solver = new Dns01Solver(failingRemoval, dns, "", new Dns01Journal(journal));
        solver.prepare("www." + ZONE, "t1", "t1.thumbprint");
        solver.close();
        assertEquals(2, txt().size());

        new Dns01Solver(dns, dns, "", new Dns01Journal(journal));
        assertEquals(Set.of(WWW + " " + OPERATORS), txt());
    }

    @Test
    public void aRecordThatCannotBeJournaledIsNotPublished() throws Exception {
        Files.createDirectories(journal); // a directory where the file should be: it cannot be replaced
        Dns01Solver solver = new Dns01Solver(dns, dns, "", new Dns01Journal(journal));
        AcmeException e = assertThrows(AcmeException.class,
                () -> solver.prepare("www." + ZONE, "t1", "t1.thumbprint"));
        assertTrue(e.getMessage(), e.getMessage().contains("so it is not published"));
        solver.close();
        assertEquals(Set.of(WWW + " " + OPERATORS), txt());
    }
}
