package dev.berth.acme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.berth.acme.api.AcmeChallenge;
import dev.berth.acme.api.AcmeException;
import dev.berth.acme.api.AcmeStatus;
import dev.berth.acme.api.IssuedChain;
import dev.berth.dns.internal.AcmeTestDns;
import dev.berth.dns.internal.DnsService;

/**
 * dns-01 against the real pebble, whose {@code -dnsserver} is Berth's real DNS server (bundle berth-dns, built in
 * the test), all on loopback: wildcard and plain names, the records gone afterwards whatever the outcome, and
 * refusals before anything is ordered.
 */
public class PebbleDns01Test {

    private static final String ZONE = "dns01.berth-acme.test";
    /** A name of someone else's zone whose _acme-challenge label alone is delegated to Berth (NS records). */
    private static final String DELEGATED = "delegated.berth-acme.test";
    /** What pebble logs for a newOrder request. */
    private static final String ORDERED = "POST /order-plz";

    private Path dir;
    private TestPki pki;
    private DnsService dns;
    private DnsService elsewhere;
    private PebbleServer pebble;
    private final List<AcmeIssuerService> services = new ArrayList<>();

    @Before
    public void start() throws Exception {
        dir = Files.createTempDirectory("berth-acme-dns01");
        pki = new TestPki(dir);
        dns = AcmeTestDns.start(ZONE, "_acme-challenge." + DELEGATED);
        pebble = new PebbleServer(dir, pki, dns.listening().get(0).getPort(), PebbleServer.freePort(), Map.of());
    }

    @After
    public void stop() throws Exception {
        services.forEach(AcmeIssuerService::stop);
        if (pebble != null) {
            pebble.close();
        }
        for (DnsService d : new DnsService[] {dns, elsewhere}) {
            if (d != null) {
                d.close();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void aWildcardAndAPlainNameAreIssuedThroughBerthsDnsAndNoRecordRemains() throws Exception {
        AcmeIssuerService issuer = issuer(dns, AcmeChallenge.DNS_01);
        KeyPair key = AccountKeys.generate();
        List<String> names = List.of("*.apps." + ZONE, "www." + ZONE);

        IssuedChain chain = issuer.issue(names, key);

        X509Certificate leaf = chain.leaf();
        assertEquals(Set.copyOf(names), dnsNames(leaf));
        assertEquals(key.getPublic(), leaf.getPublicKey());
        leaf.verify(pebble.managementCertificate("intermediates/0").getPublicKey());
        assertNoChallengeRecord(dns);
        assertEquals("NXDOMAIN", dns.query("_acme-challenge.apps." + ZONE + ".", "TXT", false).rcode());
        String output = pebble.output.toString();
        assertTrue(output, output.contains(ORDERED));

        AcmeStatus status = issuer.status();
        assertEquals(AcmeChallenge.DNS_01, status.challenge());
        assertEquals(List.of("berth.internal.", "_acme-challenge." + DELEGATED + ".", ZONE + "."),
                status.dns01Zones());
        assertEquals(Optional.empty(), status.lastError());
    }

    @Test
    public void aZoneOfJustTheChallengeLabelProvesTheNameAndItsWildcard() throws Exception {
        // the layout of an NS delegation of _acme-challenge.<name> to Berth: both TXT records sit at that zone's apex
        AcmeIssuerService issuer = issuer(dns, AcmeChallenge.HTTP_01);
        List<String> names = List.of(DELEGATED, "*." + DELEGATED);

        IssuedChain chain = issuer.issue(names, AccountKeys.generate(), AcmeChallenge.DNS_01);

        assertEquals(Set.copyOf(names), dnsNames(chain.leaf()));
        List<String> left = dns.records("_acme-challenge." + DELEGATED).stream().map(r -> r.type()).toList();
        assertEquals(List.of("SOA", "NS"), left);
    }

    @Test
    public void aNameOutsideBerthsZonesIsProvedThroughItsCnameIntoTheAliasZone() throws Exception {
        // pebble asks Berth A, which serves the alias zone and forwards other names to P, the public name's server
        // (also a Berth here), which holds the operator's CNAME and follows it back into A
        String alias = "alias.berth-acme.test";
        String name = "www.public.berth-acme.test";
        pebble.close();
        dns.close();
        int portA = PebbleServer.freePort();
        elsewhere = AcmeTestDns.start(0, new String[] {"127.0.0.1:" + portA}, "public.berth-acme.test");
        elsewhere.addStaticRecord(dev.berth.dns.api.DnsRecord.of("_acme-challenge." + name + ".", "CNAME", 10,
                "_acme-challenge." + name + "." + alias + "."));
        dns = AcmeTestDns.start(portA, new String[] {"127.0.0.1:" + elsewhere.listening().get(0).getPort()}, alias);
        pebble = new PebbleServer(dir, pki, portA, PebbleServer.freePort(), Map.of());
        AcmeIssuerService issuer = new AcmeIssuerService(new AcmeSettings(pebble.directory(), pki.caFile, List.of(),
                true, new InetSocketAddress("127.0.0.1", 0), false, Duration.ofSeconds(60), AcmeChallenge.DNS_01,
                alias + ".", dir.resolve(AcmeSettings.JOURNAL)));
        issuer.dnsRegistry = dns;
        issuer.dnsServer = dns;
        services.add(issuer);

        IssuedChain chain = issuer.issue(List.of(name, "*." + name), AccountKeys.generate());

        assertEquals(Set.of(name, "*." + name), dnsNames(chain.leaf()));
        List<String> left = dns.records(alias).stream().map(r -> r.type()).toList();
        assertEquals(List.of("SOA", "NS"), left);
    }

    @Test
    public void theRecordsAreRemovedWhenTheCaRefusesTheOrder() throws Exception {
        AcmeIssuerService issuer = issuer(dns, AcmeChallenge.HTTP_01);
        // A CSR for another name: the challenge passes (so the record was served), pebble refuses at finalize.
        byte[] csr = CsrBuilder.csr(List.of("other." + ZONE), AccountKeys.generate());
        try {
            issuer.issue(List.of("order." + ZONE), csr, AcmeChallenge.DNS_01);
            fail("pebble accepted a CSR for other names");
        } catch (AcmeException e) {
            assertEquals(e.getMessage(), Optional.of("urn:ietf:params:acme:error:unauthorized"), e.problemType());
            assertTrue(e.detail(), e.detail().contains("CSR is missing Order domain \"order." + ZONE + "\""));
        }
        assertNoChallengeRecord(dns);
    }

    @Test
    public void theRecordsAreRemovedWhenValidationFails() throws Exception {
        // The records go to a second Berth DNS server that pebble does not ask: pebble finds no TXT record.
        elsewhere = AcmeTestDns.start(ZONE);
        AcmeIssuerService issuer = issuer(elsewhere, AcmeChallenge.DNS_01);
        try {
            issuer.issue(List.of("fails." + ZONE), AccountKeys.generate());
            fail("issued without the record where pebble looks");
        } catch (AcmeException e) {
            // pebble's verdict, so the record was served (by the other server) before pebble was told
            assertEquals(e.getMessage(), Optional.of("urn:ietf:params:acme:error:unauthorized"), e.problemType());
            assertTrue(e.getMessage(), e.detail().startsWith("authorization for fails." + ZONE + " is invalid: "));
        }
        assertNoChallengeRecord(elsewhere);
        assertTrue(issuer.status().lastError().orElseThrow().contains("fails." + ZONE));
    }

    @Test
    public void theRecordsAreRemovedWhenTheDnsServerDoesNotAnswerThemInTime() throws Exception {
        // Published in one server, awaited from another that never answers them: the wait times out.
        elsewhere = AcmeTestDns.start(ZONE);
        AcmeIssuerService issuer = new AcmeIssuerService(new AcmeSettings(pebble.directory(), pki.caFile,
                List.of(), true, new InetSocketAddress("127.0.0.1", 0), false, Duration.ofSeconds(3),
                AcmeChallenge.DNS_01, "", dir.resolve(AcmeSettings.JOURNAL)));
        issuer.dnsRegistry = dns;
        issuer.dnsServer = elsewhere;
        services.add(issuer);
        try {
            issuer.issue(List.of("late." + ZONE), AccountKeys.generate());
            fail("issued without the record being served");
        } catch (AcmeException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("Berth's DNS server does not answer the dns-01 "
                    + "record _acme-challenge.late." + ZONE + ". 10 IN TXT \""));
            assertTrue(e.getMessage(), e.getMessage().contains("NXDOMAIN"));
        }
        assertNoChallengeRecord(dns);
    }

    @Test
    public void aNameOutsideBerthsZonesIsRefusedBeforeAnyOrder() throws Exception {
        AcmeIssuerService issuer = issuer(dns, AcmeChallenge.DNS_01);
        try {
            issuer.issue(List.of("www." + ZONE, "www.elsewhere.test"), AccountKeys.generate());
            fail("dns-01 for a name outside Berth's zones");
        } catch (AcmeException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("dns-01 cannot prove www.elsewhere.test: "
                    + "_acme-challenge.www.elsewhere.test. is in no zone Berth's DNS server serves"));
            assertTrue(e.getMessage(), e.getMessage().endsWith("Nothing was ordered"));
        }
        assertNothingOrdered();
        assertNoChallengeRecord(dns);
    }

    @Test
    public void withoutBerthsDnsServerDns01IsRefusedBeforeAnyOrder() throws Exception {
        AcmeIssuerService issuer = issuer(null, AcmeChallenge.DNS_01);
        try {
            issuer.issue(List.of("www." + ZONE), AccountKeys.generate());
            fail("dns-01 without Berth's DNS server");
        } catch (AcmeException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("dns-01 needs Berth's DNS server (bundle berth-dns)"));
        }
        assertEquals(List.of(), issuer.status().dns01Zones());
        assertNothingOrdered();
    }

    @Test
    public void http01RefusesAWildcardBeforeAnyOrder() throws Exception {
        AcmeIssuerService issuer = issuer(dns, AcmeChallenge.HTTP_01);
        try {
            issuer.issue(List.of("*.apps." + ZONE), AccountKeys.generate());
            fail("http-01 for a wildcard");
        } catch (AcmeException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("http-01 cannot prove a wildcard name (*.apps."
                    + ZONE + "): use dns-01"));
        }
        assertNothingOrdered();
    }

    private AcmeIssuerService issuer(DnsService server, AcmeChallenge challenge) {
        AcmeIssuerService issuer = new AcmeIssuerService(new AcmeSettings(pebble.directory(), pki.caFile,
                List.of("mailto:ops@berth-acme.test"), true, new InetSocketAddress("127.0.0.1", 0), false,
                Duration.ofSeconds(60), challenge, "", dir.resolve(AcmeSettings.JOURNAL)));
        issuer.dnsRegistry = server;
        issuer.dnsServer = server;
        services.add(issuer);
        return issuer;
    }

    private void assertNothingOrdered() {
        String output = pebble.output.toString();
        assertFalse(output, output.contains(ORDERED));
    }

    private static void assertNoChallengeRecord(DnsService server) {
        List<String> left = server.records(ZONE).stream().map(Object::toString)
                .filter(r -> r.startsWith("_acme-challenge")).toList();
        assertEquals(List.of(), left);
    }

    private static Set<String> dnsNames(X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames().stream().filter(n -> (Integer) n.get(0) == 2)
                .map(n -> (String) n.get(1)).collect(Collectors.toSet());
    }
}
