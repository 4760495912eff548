package dev.berth.certs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.ComponentServiceObjects;
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

import dev.berth.admin.api.AdminResource;
import dev.berth.certs.api.CaInfo;
import dev.berth.certs.api.CertificateAuthority;
import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateRecord;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetListener;
import dev.berth.certs.api.CertificateSetListener.Change;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateSets;
import dev.berth.certs.api.CertificateStatus;
import dev.berth.certs.api.EnrollmentClientInfo;
import dev.berth.certs.api.EnrollmentClientSpec;
import dev.berth.certs.api.EnrollmentRegistry;
import dev.berth.certs.api.RevocationReason;
import dev.berth.certs.api.SecretStore;
import dev.berth.certs.enroll.ReplayGuard;
import dev.berth.certs.https.HttpsServer;
import dev.berth.certs.vault.MasterKey;
import dev.berth.certs.vault.Vault;
import dev.berth.store.api.Store;

/**
 * Berth's certificate manager. It starts before and without the database: its CA, sets, enrollment clients
 * and secrets live in the encrypted local store under the data directory. While the store service is present,
 * issued-certificate records are mirrored to it.
 */
@Component(service = {CertificateAuthority.class, CertificateSets.class, EnrollmentRegistry.class,
    SecretStore.class, MasterKeyRotation.class}, immediate = true, configurationPid = "dev.berth.certs",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CertsConfiguration.class)
public final class CertificateManager implements CertificateAuthority, CertificateSets, EnrollmentRegistry,
        SecretStore, MasterKeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateManager.class);

    private final CertsSettings settings;
    private final MasterKeys.Source keySource;
    private final Vault vault;
    private final Issuance issuance;
    private final SetManager sets;
    private final EnrollmentClients clients;
    private final EnrollmentService enrollment;
    private final ScheduledExecutorService worker;
    private final StoreSync storeSync;
    private final List<ComponentServiceObjects<CertificateSetListener>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.Map<ComponentServiceObjects<Store>, Store> stores =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AdminRegistry admin = new AdminRegistry();
    private final HttpsServer https;

    /**
     * Opens the encrypted store with the master key, creates the CA at first start, issues its own server
     * certificate and starts the HTTPS listeners.
     *
     * @param config the configuration
     * @throws Exception when the master key is missing or wrong, or the store unreadable (a listener port that
     *     cannot be bound is logged, not fatal)
     */
    @Activate
    public CertificateManager(CertsConfiguration config) throws Exception {
        this(CertsSettings.from(config));
    }

    CertificateManager(CertsSettings settings) throws Exception {
        this.settings = settings;
        this.keySource = MasterKeys.load(settings);
        this.vault = Vault.open(settings.vaultDir(), keySource.key());
        IssuingCa ca = IssuingCa.loadOrCreate(vault, settings.caName(), settings.caAlgorithm(),
                settings.rootValidity(), settings.issuingValidity());
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-certs");
            t.setDaemon(true);
            return t;
        });
        Ledger ledger = Ledger.load(vault);
        this.storeSync = new StoreSync(new StoreMirror(ca.issuing().getSubjectX500Principal().getName() + " #"
                + ca.issuing().getSerialNumber().toString(16), settings.node()), worker, ledger::all);
        this.issuance = new Issuance(vault, ca, ledger, settings.crlValidity(), storeSync::record);
        this.sets = new SetManager(SetStore.load(vault), issuance, settings.defaults(), this::notifyListeners);
        this.clients = EnrollmentClients.load(vault, settings.defaults().maxTtl());
        this.enrollment = new EnrollmentService(clients, issuance, settings.enrollmentPolicy(),
                settings.defaults().ttl(), new ReplayGuard(settings.enrollWindow(), 100_000), Clock.systemUTC());
        try {
            sets.ensure(CertificateSetSpec.server(CertsSettings.SERVER_SET, settings.serverDns(), settings.serverIps()));
        } catch (RuntimeException e) {
            worker.shutdownNow();
            throw e;
        }
        this.https = settings.webdavPort() < 0 && settings.enrollPort() < 0 ? null : startHttps();
        long every = settings.renewCheck().toMillis();
        worker.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Certificate manager ready: CA '{}', {} sets, {} certificates issued, master key {}",
                ca.root().getSubjectX500Principal().getName(), sets.list().size(), issuance.ledger().all().size(),
                vault.keyId());
    }

    /**
     * Starts the listeners. A port that cannot be bound must not take the CA down with it (the database gets its
     * certificates from the CA in-process): the failure is logged and the CA serves everything else.
     */
    private HttpsServer startHttps() {
        HttpsEndpoints endpoints = new HttpsEndpoints(this, issuance, enrollment, clients, settings, admin);
        try {
            return HttpsServer.start(settings.bind(), settings.webdavPort(), settings.enrollPort(),
                    () -> sets.material(CertsSettings.SERVER_SET), issuance.ca().root(), issuance.ca().issuing(),
                    issuance::isRevoked, endpoints.mutualTlsServlets(), endpoints);
        } catch (Exception e) {
            LOG.error("The certificate manager's HTTPS listeners (WebDAV port {}, enrollment port {} on {}) did not "
                    + "start; enrollment and WebDAV are unavailable until the bundle is restarted", settings.webdavPort(),
                    settings.enrollPort(), settings.bind(), e);
            return null;
        }
    }

    /** Stops the listeners and the worker; the state is on disk already. */
    @Deactivate
    public void close() {
        if (https != null) {
            https.close();
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Attaches the store: brings the certificate table up to date and writes every record, in the background.
     *
     * <p>The store and the set listeners are bound as {@link ComponentServiceObjects} and their objects taken on
     * the worker thread: the store itself depends on this component ({@code berth-db-*} certificates), and taking
     * its object while this component is being activated would be a cycle.
     *
     * @param newStore the store's service objects
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindStore")
    void bindStore(ComponentServiceObjects<Store> newStore) {
        worker.execute(() -> {
            Store store = serviceOf(newStore);
            if (store != null && stores.putIfAbsent(newStore, store) == null) {
                storeSync.attach(store);
            }
        });
    }

    void unbindStore(ComponentServiceObjects<Store> old) {
        Store store = stores.remove(old);
        if (store != null) {
            storeSync.detach(store);
            worker.execute(() -> ungetQuietly(old, store));
        }
    }

    private static <S> S serviceOf(ComponentServiceObjects<S> objects) {
        try {
            return objects.getService();
        } catch (IllegalStateException e) {
            return null; // unregistered meanwhile
        }
    }

    private static <S> void ungetQuietly(ComponentServiceObjects<S> objects, S service) {
        try {
            objects.ungetService(service);
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.debug("releasing a service: {}", e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeListener")
    void addListener(ComponentServiceObjects<CertificateSetListener> listener) {
        listeners.add(listener);
    }

    void removeListener(ComponentServiceObjects<CertificateSetListener> listener) {
        listeners.remove(listener);
    }

    /**
     * Adds a capability's table to the operators' API and page.
     *
     * @param resource the resource, whose object is taken only when a request reads it
     * @param properties its service properties, which name it
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeAdminResource")
    void addAdminResource(ComponentServiceObjects<AdminResource> resource, Map<String, Object> properties) {
        admin.add(resource, properties);
    }

    void removeAdminResource(ComponentServiceObjects<AdminResource> resource) {
        admin.remove(resource);
    }

    private void notifyListeners(CertificateSet set, Change change) {
        for (ComponentServiceObjects<CertificateSetListener> objects : listeners) {
            worker.execute(() -> {
                CertificateSetListener l = serviceOf(objects);
                if (l == null) {
                    return;
                }
                try {
                    l.certificateSetChanged(set, change);
                } catch (RuntimeException e) {
                    LOG.warn("A certificate set listener failed on {} of {}", change, set.name(), e);
                } finally {
                    ungetQuietly(objects, l);
                }
            });
        }
    }

    /** The periodic work: renewals, the CRL, the ledger, the database mirror. */
    void maintain() {
        maintain(Instant.now());
    }

    void maintain(Instant now) {
        try {
            List<String> renewed = sets.renewDue(now);
            if (!renewed.isEmpty()) {
                LOG.info("Renewed certificate sets {}", renewed);
            }
            issuance.refreshCrlIfDue(now);
            int pruned = issuance.ledger().prune(now.minus(settings.ledgerRetention()));
            if (pruned > 0) {
                LOG.info("Removed {} long-expired certificates from the ledger", pruned);
            }
            storeSync.catchUp();
        } catch (IOException | RuntimeException e) {
            LOG.error("Certificate maintenance failed; retrying at the next check", e);
        }
    }

    Vault vaultForFiles() {
        return vault;
    }

    boolean storeAttached() {
        return storeSync.attached();
    }

    int httpsPort(boolean webdav) {
        return https == null ? -1 : webdav ? https.webdavPort() : https.publicPort();
    }

    // ---- CertificateAuthority

    @Override
    public CaInfo info() {
        List<CertificateRecord> all = issuance.ledger().all();
        int revoked = (int) all.stream().filter(r -> r.status() == CertificateStatus.REVOKED).count();
        return new CaInfo(issuance.ca().root(), issuance.ca().issuing(), issuance.ca().algorithm(), all.size(),
                revoked, issuance.crlNumber(), issuance.crl().getNextUpdate().toInstant(), storeAttached());
    }

    @Override
    public List<CertificateRecord> certificates() {
        return issuance.ledger().all();
    }

    @Override
    public CertificateRecord revoke(BigInteger serial, RevocationReason reason) {
        try {
            CertificateRecord record = issuance.revoke(serial, reason);
            sets.list().stream().filter(s -> s.serial().equals(serial) && s.status() == CertificateStatus.ACTIVE)
                    .findFirst().ifPresent(s -> sets.revoke(s.name(), reason));
            return record;
        } catch (IOException e) {
            throw Issuance.unchecked("revoke " + serial.toString(16), e);
        }
    }

    @Override
    public byte[] crl() {
        return issuance.crlDer();
    }

    // ---- CertificateSets

    @Override
    public CertificateSet create(CertificateSetSpec spec) {
        return sets.create(spec);
    }

    @Override
    public CertificateSet ensure(CertificateSetSpec spec) {
        return sets.ensure(spec);
    }

    @Override
    public Optional<CertificateSet> find(String name) {
        return sets.find(name);
    }

    @Override
    public List<CertificateSet> list() {
        return sets.list();
    }

    @Override
    public CertificateSet renew(String name) {
        return sets.renew(name);
    }

    @Override
    public CertificateSet revoke(String name, RevocationReason reason) {
        return sets.revoke(name, reason);
    }

    @Override
    public void delete(String name) {
        if (CertsSettings.SERVER_SET.equals(name)) {
            throw new CertificateManagerException(CertificateManagerException.Reason.CONFLICT, "set " + name
                    + " is the certificate manager's own; renew it instead");
        }
        sets.delete(name);
    }

    @Override
    public CertificateSet setReaders(String name, Set<String> readers) {
        return sets.setReaders(name, readers);
    }

    @Override
    public CertificateMaterial material(String name) {
        return sets.material(name);
    }

    // ---- EnrollmentRegistry

    @Override
    public String register(EnrollmentClientSpec spec) {
        try {
            return clients.register(spec);
        } catch (IOException e) {
            throw Issuance.unchecked("register client " + spec.clientId(), e);
        }
    }

    @Override
    public List<EnrollmentClientInfo> clients() {
        return clients.all();
    }

    @Override
    public void remove(String clientId) {
        try {
            clients.remove(clientId);
        } catch (IOException e) {
            throw Issuance.unchecked("remove client " + clientId, e);
        }
    }

    // ---- SecretStore

    @Override
    public void putSecret(String name, byte[] secret) {
        try {
            vault.write(secretName(name), secret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store secret " + name, e);
        }
    }

    @Override
    public Optional<byte[]> getSecret(String name) {
        try {
            return vault.read(secretName(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret " + name, e);
        }
    }

    @Override
    public boolean deleteSecret(String name) {
        try {
            return vault.delete(secretName(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete secret " + name, e);
        }
    }

    @Override
    public List<String> secretNames(String prefix) {
        try {
            return vault.names("secrets").stream().map(n -> n.substring("secrets/".length()))
                    .filter(n -> n.startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list secrets", e);
        }
    }

    private static String secretName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.contains("//")) {
            throw new IllegalArgumentException("invalid secret name '" + name + "'");
        }
        return "secrets/" + name;
    }

    // ---- MasterKeyRotation

    @Override
    public String keyFile() {
        return keySource.file().map(Object::toString).orElse("");
    }

    @Override
    public Result rotate(String newKey) throws IOException {
        MasterKey next = MasterKey.parse(newKey);
        String old = vault.keyId();
        vault.rotate(next, key -> {
            if (keySource.file().isPresent()) {
                MasterKeys.write(keySource.file().get(), key);
            }
        }, dev.berth.certs.vault.RotationObserver.NONE);
        return new Result(old, next.id(), keyFile());
    }
}
