package dev.berth.acme.internal;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.acme.api.AcmeException;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsRegistry;
import dev.berth.dns.api.DnsServer;
import dev.berth.dns.api.DnsZone;
import dev.berth.dns.api.QueryResult;

/**
 * Answers dns-01 (RFC 8555 section 8.4) with Berth's own DNS server: a TXT record
 * {@code _acme-challenge.<name>. "base64url(SHA-256(keyAuthorization))"} added as a static record, awaited until the
 * server answers it over the network, and removed again when closed. A name whose challenge name is in no zone of
 * Berth's is answered, when an alias zone is configured, at {@code _acme-challenge.<name>.<alias zone>.}, where the
 * operator's CNAME at {@code _acme-challenge.<name>} points. Every record is journaled before it is published
 * ({@link Dns01Journal}), and a new solver first removes the journaled records earlier ones left behind.
 */
final class Dns01Solver implements ChallengeSolver {

    static final String LABEL = "_acme-challenge";
    /** Short, so that a resolver in front of the CA does not keep an old value across retries. */
    static final long TTL_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Dns01Solver.class);
    private static final long POLL_NANOS = 50_000_000L;

    private final DnsRegistry registry;
    private final DnsServer server;
    private final List<DnsRecord> published = new ArrayList<>();
    private final List<String> zones;
    private final String aliasZone;
    private final Dns01Journal journal;

    /**
     * Makes a solver, after removing the records that solvers before it left behind (Berth killed during an
     * issuance, a removal that failed): the issuer makes one solver at a time.
     *
     * @param registry publishes the records
     * @param server answers them
     * @param aliasZone the zone of Berth's that CNAMEs of other names point into, absolute; empty for none
     * @param journal the records published and not yet removed
     */
    Dns01Solver(DnsRegistry registry, DnsServer server, String aliasZone, Dns01Journal journal) {
        this.registry = registry;
        this.server = server;
        this.zones = zones(registry);
        this.aliasZone = aliasZone;
        this.journal = journal;
        journal.removeLeftovers(registry);
    }

    /** The TXT value for a key authorization: base64url(SHA-256(keyAuthorization)), unpadded. */
    static String txtValue(String keyAuthorization) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(keyAuthorization.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    /** The absolute owner name of the TXT record for a name; a wildcard uses its base name's label. */
    static String recordName(String dnsName) {
        String base = dnsName.toLowerCase(Locale.ROOT);
        base = base.startsWith("*.") ? base.substring(2) : base;
        return LABEL + "." + (base.endsWith(".") ? base : base + ".");
    }

    /** The zones (absolute, lower case) whose names dns-01 can prove: the internal and the extra zones. */
    static List<String> zones(DnsRegistry registry) {
        return registry.zones().stream().filter(z -> z.kind() != DnsZone.Kind.REVERSE)
                .map(z -> z.name().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Where the TXT record for a name goes: {@code _acme-challenge.<name>.} when Berth serves it, otherwise that
     * name under the alias zone when there is one.
     *
     * @param dnsName the name, a wildcard standing for its base name
     * @return the absolute owner name, or null when Berth can answer for neither
     */
    String owner(String dnsName) {
        String direct = recordName(dnsName);
        if (served(direct)) {
            return direct;
        }
        return aliasZone.isEmpty() || !zones.contains(aliasZone) ? null : direct + aliasZone;
    }

    private boolean served(String name) {
        return zones.stream().anyMatch(z -> name.equals(z) || name.endsWith("." + z));
    }

    /**
     * Refuses names whose TXT record would be in no zone of Berth's, before anything is ordered.
     *
     * @param dnsNames the names of the order
     * @throws AcmeException naming the names and the zones served
     */
    void checkNames(List<String> dnsNames) {
        if (!aliasZone.isEmpty() && !zones.contains(aliasZone)) {
            throw new AcmeException("dns01.alias.zone " + aliasZone + " is no zone Berth's DNS server serves ("
                    + String.join(", ", zones) + "); add it to BERTH_DNS_EXTRA_ZONES. Nothing was ordered", null);
        }
        List<String> outside = dnsNames.stream().filter(n -> owner(n) == null).toList();
        if (!outside.isEmpty()) {
            throw new AcmeException("dns-01 cannot prove " + String.join(", ", outside) + ": "
                    + recordName(outside.get(0)) + " is in no zone Berth's DNS server serves ("
                    + String.join(", ", zones) + "); add the zone to BERTH_DNS_EXTRA_ZONES and delegate it to Berth, or set dns01.alias.zone and "
                    + "point a CNAME there (docs/acme.md). Nothing was ordered", null);
        }
    }

    @Override
    public String type() {
        return "dns-01";
    }

    @Override
    public void prepare(String identifier, String token, String keyAuthorization) {
        String owner = owner(identifier);
        if (owner == null) { // the CA named an identifier outside the order's names
            throw new AcmeException("dns-01 cannot answer for " + identifier + ": in no zone Berth's DNS server serves",
                    null);
        }
        DnsRecord record = DnsRecord.of(owner, "TXT", TTL_SECONDS,
                "\"" + txtValue(keyAuthorization) + "\"");
        try {
            journal.add(entry(record));
        } catch (UncheckedIOException e) {
            throw new AcmeException("cannot journal the dns-01 record " + record + ", so it is not published: "
                    + e.getMessage(), e);
        }
        published.add(record); // before adding: a removal of a record that never made it is harmless
        try {
            registry.addStaticRecord(record);
        } catch (RuntimeException e) {
            throw new AcmeException("cannot publish the dns-01 record " + record + " in Berth's DNS server: "
                    + e.getMessage(), e);
        }
        LOG.info("ACME dns-01 record published: {}", record);
    }

    @Override
    public void awaitReady(Instant deadline) {
        for (DnsRecord record : published) {
            String last = "no answer yet";
            while (true) {
                try {
                    QueryResult r = server.query(record.name(), "TXT", false);
                    if (r.answer().stream().anyMatch(a -> a.type().equals("TXT") && a.data().equals(record.data()))) {
                        break;
                    }
                    last = r.rcode() + " " + r.answer();
                } catch (RuntimeException e) {
                    last = e.getMessage();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AcmeException("Berth's DNS server does not answer the dns-01 record " + record
                            + " (last answer: " + last + ")", null);
                }
                LockSupport.parkNanos(POLL_NANOS);
                if (Thread.currentThread().isInterrupted()) {
                    throw new AcmeException("interrupted while waiting for the dns-01 record " + record, null);
                }
            }
        }
    }

    private static Dns01Journal.Entry entry(DnsRecord record) {
        return new Dns01Journal.Entry(record.name(), record.data());
    }

    @Override
    public void close() {
        for (DnsRecord record : published) {
            try {
                int removed = registry.removeStaticRecords(record.name(), "TXT", record.data());
                LOG.info("ACME dns-01 record removed: {} ({})", record, removed);
            } catch (RuntimeException e) {
                journal.abandoned(entry(record));
                LOG.error("cannot remove the dns-01 record {} from Berth's DNS server; it stays journaled and is "
                        + "removed at the next start of the ACME client or dns-01 issuance", record, e);
                continue;
            }
            try {
                journal.removed(entry(record));
            } catch (UncheckedIOException e) { // the record is gone: its entry removes nothing later
                LOG.warn("dns-01 record {} removed, but the journal was not updated: {}", record, e.getMessage());
            }
        }
        published.clear();
    }
}
