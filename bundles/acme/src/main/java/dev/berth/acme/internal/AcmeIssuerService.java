package dev.berth.acme.internal;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.acme.api.AcmeChallenge;
import dev.berth.acme.api.AcmeException;
import dev.berth.acme.api.AcmeIssuer;
import dev.berth.acme.api.AcmeStatus;
import dev.berth.acme.api.IssuedChain;
import dev.berth.acme.api.RevocationReason;
import dev.berth.certs.api.SecretStore;
import dev.berth.dns.api.DnsRegistry;
import dev.berth.dns.api.DnsServer;

/**
 * The ACME client as a service: one account per directory URL, its key in the certificate manager's secret store
 * (an optional reference: issuance waits for it, everything else works without). The http-01 responder listens
 * only while an issuance waits for its challenges: at rest Berth has no plain-HTTP port. dns-01 publishes its TXT
 * records through Berth's DNS server (optional references too: without it dns-01 is refused before any order).
 */
@Component(service = AcmeIssuer.class, configurationPid = "dev.berth.acme",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AcmeConfiguration.class)
public final class AcmeIssuerService implements AcmeIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeIssuerService.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SecretStore secretStore;

    /** Set through {@link #bindDnsRegistry}, which also removes the dns-01 records an earlier run left behind. */
    volatile DnsRegistry dnsRegistry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DnsServer dnsServer;

    private final AcmeSettings settings;
    private final AcmeTransport transport;
    /** The responder tests share across instances; null: one of its own for each issuance. */
    private final Http01Responder sharedResponder;
    private final Dns01Journal journal;
    private volatile JwsSigner signer;
    private volatile String accountUrl;
    private volatile String lastError = null;

    @Activate
    public AcmeIssuerService(AcmeConfiguration config) {
        this(AcmeSettings.from(config));
    }

    AcmeIssuerService(AcmeSettings settings) {
        this(settings, null);
    }

    /** With a responder of the caller's, which it keeps open (tests share one across instances). */
    AcmeIssuerService(AcmeSettings settings, Http01Responder sharedResponder) {
        this.settings = settings;
        this.transport = new AcmeTransport(settings.directoryUrl(), TrustFile.context(settings.caFile()),
                Duration.ofSeconds(30));
        this.sharedResponder = sharedResponder;
        this.journal = new Dns01Journal(settings.dns01Journal());
    }

    /**
     * Takes Berth's DNS registry and removes from it the dns-01 records that an issuance of an earlier run
     * published and never removed (Berth killed meanwhile); records of an issuance running now are left alone.
     *
     * @param registry the registry
     */
    @Reference(name = "dnsRegistry", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindDnsRegistry")
    void bindDnsRegistry(DnsRegistry registry) {
        dnsRegistry = registry;
        try {
            journal.removeLeftovers(registry);
        } catch (RuntimeException e) { // the DNS bundle going away just now: the next issuance tries again
            LOG.warn("Could not remove the dns-01 records left by an earlier run: {}", e.getMessage(), e);
        }
    }

    void unbindDnsRegistry(DnsRegistry registry) {
        if (dnsRegistry == registry) { // a greedy replacement binds the new one first
            dnsRegistry = null;
        }
    }

    @Deactivate
    void stop() {
        // the responder of an issuance closes with it
    }

    AcmeTransport transport() {
        return transport;
    }

    @Override
    public IssuedChain issue(List<String> dnsNames, KeyPair certificateKey) {
        return issue(dnsNames, certificateKey, settings.challenge());
    }

    @Override
    public IssuedChain issue(List<String> dnsNames, byte[] csrDer) {
        return issue(dnsNames, csrDer, settings.challenge());
    }

    @Override
    public IssuedChain issue(List<String> dnsNames, KeyPair certificateKey, AcmeChallenge challenge) {
        List<String> names = checkNames(dnsNames);
        return issue(names, CsrBuilder.csr(names, certificateKey), challenge);
    }

    @Override
    public synchronized IssuedChain issue(List<String> dnsNames, byte[] csrDer, AcmeChallenge challenge) {
        List<String> names = checkNames(dnsNames);
        try (ChallengeSolver solver = solver(challenge, names)) {
            AcmeClient c = new AcmeClient(transport, signer(), settings.timeout());
            c.account(settings.contacts(), settings.termsOfServiceAgreed());
            accountUrl = c.accountUrl();
            IssuedChain chain = c.issue(names, csrDer, solver);
            lastError = null;
            return chain;
        } catch (AcmeException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    /** The solver for an issuance, or a refusal before anything is ordered. */
    private ChallengeSolver solver(AcmeChallenge challenge, List<String> names) {
        if (challenge == AcmeChallenge.DNS_01) {
            DnsRegistry registry = dnsRegistry;
            DnsServer server = dnsServer;
            if (registry == null || server == null) {
                throw new AcmeException("dns-01 needs Berth's DNS server (bundle berth-dns), which is not running; "
                        + "nothing was ordered", null);
            }
            Dns01Solver solver = new Dns01Solver(registry, server, settings.dns01AliasZone(), journal);
            solver.checkNames(names);
            return solver;
        }
        List<String> wildcards = names.stream().filter(n -> n.startsWith("*.")).toList();
        if (!wildcards.isEmpty()) {
            throw new AcmeException("http-01 cannot prove a wildcard name (" + String.join(", ", wildcards)
                    + "): use dns-01 (challenge=dns-01, or acme:issue --challenge dns-01); nothing was ordered", null);
        }
        return sharedResponder != null ? new Http01Solver(sharedResponder, false)
                : new Http01Solver(new Http01Responder(settings.http01Bind()), true);
    }

    @Override
    public synchronized void revoke(X509Certificate certificate, RevocationReason reason) {
        try { // revocation by the account proves nothing over http-01: no responder is opened
            AcmeClient c = new AcmeClient(transport, signer(), settings.timeout());
            c.account(settings.contacts(), settings.termsOfServiceAgreed());
            accountUrl = c.accountUrl();
            c.revoke(certificate, reason.code());
        } catch (AcmeException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    @Override
    public AcmeStatus status() {
        boolean reachable;
        Optional<String> terms = Optional.empty();
        Optional<String> error = Optional.ofNullable(lastError);
        try {
            terms = Optional.ofNullable(transport.readDirectory().path("meta").path("termsOfService").textValue());
            reachable = true;
        } catch (AcmeException e) {
            reachable = false;
            error = Optional.of(e.getMessage());
        }
        return new AcmeStatus(settings.directoryUrl().toString(), reachable, terms,
                Optional.ofNullable(accountUrl), settings.keyInSecretStore() ? "secret-store" : "memory",
                http01Address(), error, settings.challenge(), dns01Zones());
    }

    private List<String> dns01Zones() {
        DnsRegistry registry = dnsRegistry;
        if (registry == null || dnsServer == null) {
            return List.of();
        }
        try {
            return Dns01Solver.zones(registry);
        } catch (RuntimeException e) { // the DNS bundle going away just now
            LOG.debug("cannot list the DNS zones for dns-01", e);
            return List.of();
        }
    }

    private String http01Address() {
        InetSocketAddress a = sharedResponder != null ? sharedResponder.address() : settings.http01Bind();
        return a.getHostString() + ":" + a.getPort();
    }

    private JwsSigner signer() {
        if (signer == null) {
            KeyPair accountKey;
            if (settings.keyInSecretStore()) {
                SecretStore store = secretStore;
                if (store == null) {
                    throw new AcmeException("the certificate manager's secret store is not available yet; the ACME "
                            + "account key is kept there (account.key.storage=secret-store)", null);
                }
                accountKey = AccountKeys.loadOrCreate(store, settings.directoryUrl().toString());
            } else {
                LOG.info("ACME account key kept in memory only: a new account at every start");
                accountKey = AccountKeys.generate();
            }
            signer = new JwsSigner(accountKey);
        }
        return signer;
    }

    private static List<String> checkNames(List<String> dnsNames) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("at least one DNS name is needed");
        }
        List<String> names = dnsNames.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String n : names) {
            if (!n.matches("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
                    || n.length() > 253) {
                throw new IllegalArgumentException("not a DNS name: " + n);
            }
        }
        return names;
    }
}
