package dev.berth.volumes.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

import dev.berth.acme.api.AcmeIssuer;
import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetListener;
import dev.berth.certs.api.EnrollmentClient;
import dev.berth.certs.api.EnrollmentRegistry;
import dev.berth.certs.api.SecretStore;
import dev.berth.docker.api.Container;
import dev.berth.docker.api.DockerEngine;
import dev.berth.store.api.Migration;
import dev.berth.store.api.Store;
import dev.berth.volumes.api.CertificateVolumes;
import dev.berth.volumes.api.DriverStatus;
import dev.berth.volumes.api.VolumeInfo;

/**
 * The certificate volume driver on this host: wires the store, the certificate manager client and the mount
 * table together, checks mounted volumes every poll interval, and reacts at once to renewals the certificate
 * manager of this Berth announces. Nothing is unmounted when it stops: containers keep their files, and the next
 * start finds the mounts in the store and keeps them current.
 */
@Component(service = {VolumeCalls.class, CertificateVolumes.class, CertificateSetListener.class}, immediate = true,
        configurationPid = "dev.berth.volumes", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VolumesConfiguration.class)
public final class VolumeService implements VolumeCalls, CertificateVolumes, CertificateSetListener {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeService.class);
    static final List<Migration> MIGRATIONS = List.of(Migration.fromResource(1, "certificate volumes and mounts",
            VolumeService.class, "V1__volumes.sql"), Migration.fromResource(2, "certificates of ACME volumes",
            VolumeService.class, "V2__acme_certificate.sql"));

    private final VolumeSettings settings;
    private final ClientSession session;
    private final DavCertificateSource source;
    private final VolumeDriver driver;
    private final ContainerSignals signals;
    private final ScheduledExecutorService worker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DockerEngine docker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EnrollmentRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecretStore secrets;

    /** Berth's ACME client, for {@code issuer=acme} volumes; the driver works without it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AcmeIssuer acme;

    /**
     * Brings the schema up to date and starts the checks; the first one reconciles mounts left by the previous run.
     *
     * @param config the configuration
     * @param store the store
     * @param enrollment the enrollment client
     */
    @Activate
    public VolumeService(VolumesConfiguration config, @Reference Store store, @Reference EnrollmentClient enrollment) {
        this.settings = VolumeSettings.from(config);
        store.migrate("volumes", MIGRATIONS);
        this.session = new ClientSession(settings, enrollment, this::psk, Clock.systemUTC());
        this.source = new DavCertificateSource(settings.webdavServer(), session, settings.timeout());
        this.signals = new ContainerSignals(() -> docker, settings.reloadLabel());
        this.driver = new VolumeDriver(settings, store, source, new KernelMounts(), signals, Clock.systemUTC(),
                new AcmeCertificates(() -> acme));
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-volumes");
            t.setDaemon(true);
            return t;
        });
        worker.execute(this::reconcile);
        long every = settings.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Certificate volume driver on host {}: client {} of the certificate manager at {}, mounts under {}",
                settings.hostName(), settings.clientId(), settings.webdavServer(), settings.volumesDir());
    }

    /** Stops the checks; mounts stay, for the containers using them and for the next start. */
    @Deactivate
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }

    private void reconcile() {
        try {
            driver.refresher().reconcile();
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not reconcile the volume mounts with the store: {}", e.getMessage(), e);
        }
    }

    private void poll() {
        try {
            driver.refresher().poll();
        } catch (RuntimeException e) {
            LOG.warn("Volume check failed: {}", e.getMessage(), e);
        }
    }

    private byte[] psk() {
        if (!settings.registersItself()) {
            return settings.psk();
        }
        EnrollmentRegistry r = registry;
        SecretStore s = secrets;
        if (r == null || s == null) {
            throw new CertificateManagerException(CertificateManagerException.Reason.UNAVAILABLE, "the volume driver "
                    + "has no pre-shared key: set BERTH_VOLUMES_PSK to the key cert:enroll-add printed for "
                    + settings.clientId() + ", or run the certificate manager in this Berth");
        }
        return LocalRegistration.psk(settings, r, s);
    }

    // ---- VolumeCalls (the plugin protocol)

    @Override
    public void create(String name, Map<String, String> options) {
        driver.create(name, options);
    }

    @Override
    public void remove(String name) {
        driver.remove(name);
    }

    @Override
    public Path mount(String name, String callerId) {
        return driver.mount(name, callerId);
    }

    @Override
    public void unmount(String name, String callerId) {
        driver.unmount(name, callerId);
    }

    @Override
    public Optional<Path> path(String name) {
        return driver.path(name);
    }

    @Override
    public Map<String, Object> describe(String name) {
        return describe(driver.find(name).orElseThrow(() -> new VolumeRequestException("no volume named " + name)));
    }

    @Override
    public List<Map<String, Object>> list() {
        return driver.list().stream().map(this::describe).toList();
    }

    private Map<String, Object> describe(VolumeRow row) {
        Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("issuer", row.issuer());
        if (!row.acme()) {
            status.put("set", row.setName());
        }
        status.put("names", String.join(",", row.subjectNames()));
        status.put("serial", row.serial());
        status.put("notAfter", row.notAfter() == null ? "" : row.notAfter().toString());
        status.put("mounts", row.mounts().size());
        String error = driver.refresher().state(row.name()).lastError;
        if (error != null && !error.isEmpty()) {
            status.put("error", error);
        }
        Map<String, Object> volume = new java.util.LinkedHashMap<>();
        volume.put("Name", row.name());
        volume.put("Mountpoint", row.mounts().isEmpty() ? "" : driver.mountpoint(row.name()).toString());
        volume.put("CreatedAt", row.createdAt() == null ? "" : row.createdAt().toString());
        volume.put("Status", status);
        return volume;
    }

    // ---- CertificateSetListener

    @Override
    public void certificateSetChanged(CertificateSet set, Change change) {
        if (change == Change.RENEWED || change == Change.REVOKED) {
            worker.execute(() -> {
                try {
                    driver.refresher().setChanged(set.name());
                } catch (RuntimeException e) {
                    LOG.debug("Volumes of set {} not checked after {}: {}", set.name(), change, e.getMessage());
                }
            });
        }
    }

    // ---- CertificateVolumes

    @Override
    public List<VolumeInfo> volumes() {
        return driver.list().stream().map(this::info).toList();
    }

    @Override
    public Optional<VolumeInfo> volume(String name) {
        return driver.find(name).map(this::info);
    }

    @Override
    public boolean refresh(String name) {
        return driver.refresher().refresh(name, true);
    }

    @Override
    public DriverStatus status() {
        Optional<CertificateMaterial> m = session.current();
        long mounted = driver.list().stream().filter(v -> !v.mounts().isEmpty()).count();
        return new DriverStatus(settings.clientId(), settings.enrollServer(), settings.webdavServer(), m.isPresent(),
                m.map(x -> x.certificate().getNotAfter().toInstant()).orElse(null), settings.pollInterval(),
                (int) mounted, session.lastError());
    }

    private VolumeInfo info(VolumeRow row) {
        VolumeState state = driver.refresher().state(row.name());
        Path dir = driver.mountpoint(row.name());
        List<String> containers = signals.using(row.name()).stream().map(Container::name).sorted().toList();
        Instant lastCheck;
        String lastError;
        synchronized (state) {
            lastCheck = state.lastCheck;
            lastError = state.lastError;
        }
        return new VolumeInfo(row.name(), row.issuer(), row.setName(), row.ownsSet(), Map.copyOf(row.options()), row.subjectNames(),
                row.serial(), row.notAfter(), row.mounts().isEmpty() ? "" : dir.toString(), row.mounts().size(),
                containers, row.createdAt(), lastCheck, lastError);
    }
}
