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

import dev.berth.acme.api.AcmeException;
import dev.berth.acme.api.AcmeIssuer;
import dev.berth.acme.api.AcmeStatus;
import dev.berth.acme.api.IssuedChain;
import dev.berth.acme.api.RevocationReason;
import dev.berth.certs.api.SecretStore;

/**
 * The ACME client as a service: one account per directory URL, its key in the certificate manager's secret store
 * (an optional reference: issuance waits for it, everything else works without). The http-01 responder listens
 * only while an issuance waits for its challenges: at rest Berth has no plain-HTTP port.
 */
@Component(service = AcmeIssuer.class, configurationPid = "dev.berth.acme",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AcmeConfiguration.class)
public final class AcmeIssuerService implements AcmeIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeIssuerService.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SecretStore secretStore;

    private final AcmeSettings settings;
    private final AcmeTransport transport;
    /** The responder tests share across instances; null: one of its own for each issuance. */
    private final Http01Responder sharedResponder;
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
        List<String> names = checkNames(dnsNames);
        return issue(names, CsrBuilder.csr(names, certificateKey));
    }

    @Override
    public synchronized IssuedChain issue(List<String> dnsNames, byte[] csrDer) {
        List<String> names = checkNames(dnsNames);
        Http01Responder responder = sharedResponder != null ? sharedResponder
                : new Http01Responder(settings.http01Bind());
        try {
            AcmeClient c = new AcmeClient(transport, signer(), responder, settings.timeout());
            c.account(settings.contacts(), settings.termsOfServiceAgreed());
            accountUrl = c.accountUrl();
            IssuedChain chain = c.issue(names, csrDer);
            lastError = null;
            return chain;
        } catch (AcmeException e) {
            lastError = e.getMessage();
            throw e;
        } finally {
            if (responder != sharedResponder) {
                responder.close();
            }
        }
    }

    @Override
    public synchronized void revoke(X509Certificate certificate, RevocationReason reason) {
        try { // revocation by the account proves nothing over http-01: no responder is opened
            AcmeClient c = new AcmeClient(transport, signer(), null, settings.timeout());
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
                http01Address(), error);
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
