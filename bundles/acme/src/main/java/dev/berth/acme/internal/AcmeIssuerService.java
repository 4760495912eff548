package dev.berth.acme.internal;

import java.security.KeyPair;
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
import dev.berth.certs.api.SecretStore;

/**
 * The ACME client as a service: one account per directory URL, its key in the certificate manager's secret store
 * (an optional reference: issuance waits for it, everything else works without), and the http-01 responder
 * listening while the component is active.
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
    private final Http01Responder responder;
    private final boolean ownsResponder;
    private volatile AcmeClient client;
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
        this.ownsResponder = sharedResponder == null;
        this.responder = ownsResponder ? new Http01Responder(settings.http01Bind()) : sharedResponder;
    }

    @Deactivate
    void stop() {
        if (ownsResponder) {
            responder.close();
        }
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
        try {
            AcmeClient c = client();
            c.account(settings.contacts(), settings.termsOfServiceAgreed());
            IssuedChain chain = c.issue(names, csrDer);
            lastError = null;
            return chain;
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
                Optional.ofNullable(client).map(AcmeClient::accountUrl),
                settings.keyInSecretStore() ? "secret-store" : "memory",
                responder.address().getHostString() + ":" + responder.address().getPort(), error);
    }

    private AcmeClient client() {
        if (client == null) {
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
            client = new AcmeClient(transport, new JwsSigner(accountKey), responder, settings.timeout());
        }
        return client;
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
