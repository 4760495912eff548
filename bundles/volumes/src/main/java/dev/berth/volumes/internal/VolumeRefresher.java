package dev.berth.volumes.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.store.api.Store;
import dev.berth.store.api.StoreException;

/**
 * Keeps mounted volumes current. Every poll interval each mounted volume's set is checked with a PROPFIND; when
 * it changed (or at every resync interval, or when told by a local event) its files are read, checked to match,
 * compared with what the volume holds and, when different, written as a new generation, after which the
 * containers using the volume get their reload signal. Sets the driver owns are renewed by the driver when they
 * are due and the certificate manager has not renewed them yet. An {@code issuer=acme} volume has no set: the
 * certificate in its tmpfs tells when it is due, and the driver orders a new one from the ACME CA then.
 */
final class VolumeRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeRefresher.class);

    private final VolumeSettings settings;
    private final Store store;
    private final CertificateSource source;
    private final MountTable mounts;
    private final ContainerSignals signals;
    private final Clock clock;
    private final VolumeLocks locks;
    private final AcmeCertificates acme;
    private final String host;
    private final ConcurrentMap<String, VolumeState> states = new ConcurrentHashMap<>();

    VolumeRefresher(VolumeSettings settings, Store store, CertificateSource source, MountTable mounts,
            ContainerSignals signals, Clock clock, VolumeLocks locks, AcmeCertificates acme) {
        this.settings = settings;
        this.store = store;
        this.source = source;
        this.mounts = mounts;
        this.signals = signals;
        this.clock = clock;
        this.locks = locks;
        this.acme = acme;
        this.host = settings.hostName();
    }

    /** Mounts and fills a volume's tmpfs unless it holds files already; called under the volume's lock. */
    void fill(VolumeRow row, Path dir) {
        try {
            if (mounts.isMounted(dir) && VolumeFiles.current(dir).isPresent()) {
                return;
            }
            VolumeOptions o = options(row);
            // read and check before mounting, so that a refusal leaves nothing behind
            SetFiles files = row.acme() ? acmeFiles(row, o) : source.fetch(renewIfDue(row).setName());
            if (!mounts.isMounted(dir)) {
                Files.createDirectories(settings.volumesDir(), java.nio.file.attribute.PosixFilePermissions
                        .asFileAttribute(VolumeFiles.permissions(0711)));
                Files.createDirectories(dir);
                mounts.mount(dir, settings.tmpfsSize(), o.dirMode(), o.uid(), o.gid());
            }
            try {
                VolumeFiles.replace(dir, files, o);
            } catch (IOException | RuntimeException e) {
                mounts.unmount(dir);
                throw e;
            }
            recordCertificate(row.name(), files, row.acme());
            state(row.name()).succeeded(clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks one volume now.
     *
     * @param name the volume
     * @param force read the files whatever the version says
     * @return whether the files were replaced
     */
    boolean refresh(String name, boolean force) {
        // NONE: unchanged, FIRST: files written into an empty volume, REPLACED: a generation replaced
        Outcome outcome = locks.with(name, () -> {
            VolumeRow row = store.transaction(c -> VolumeTable.find(c, host, name))
                    .orElseThrow(() -> new IllegalArgumentException("no volume named " + name));
            VolumeState state = state(name);
            Instant now = clock.instant();
            if (row.acme()) {
                return refreshAcme(row, state, now);
            }
            try {
                VolumeRow current = renewIfDue(row);
                Path dir = settings.volumesDir().resolve(name);
                if (row.mounts().isEmpty() || !mounts.isMounted(dir)) {
                    state.succeeded(now);
                    return Outcome.NONE;
                }
                String version = source.version(current.setName());
                boolean due = force || !version.equals(state.version) || state.lastFullRead == null
                        || !now.isBefore(state.lastFullRead.plus(settings.resyncInterval()));
                if (!due) {
                    state.succeeded(now);
                    return Outcome.NONE;
                }
                SetFiles files = source.fetch(current.setName());
                Optional<String> before = VolumeFiles.current(dir);
                state.version = version;
                state.lastFullRead = now;
                state.succeeded(now);
                if (before.isPresent() && before.get().equals(VolumeFiles.fingerprint(files))) {
                    return Outcome.NONE;
                }
                VolumeFiles.replace(dir, files, options(row));
                recordCertificate(name, files, false);
                LOG.info("Replaced the files of volume {}: certificate {} valid until {}", name,
                        files.certificate().getSerialNumber().toString(16), files.certificate().getNotAfter().toInstant());
                return before.isPresent() ? Outcome.REPLACED : Outcome.FIRST;
            } catch (CertificateManagerException | StoreException e) {
                failed(name, state, now, e.getMessage());
                throw new IllegalStateException("volume " + name + ": " + e.getMessage(), e);
            } catch (IOException e) {
                failed(name, state, now, "cannot write its files: " + e.getMessage());
                throw new UncheckedIOException("volume " + name + ": cannot write its files", e);
            }
        });
        if (outcome == Outcome.REPLACED) {
            signals.reload(name);
        }
        return outcome != Outcome.NONE;
    }

    /** The files for a new mount of an ACME volume: the ones issued last in this process unless due, or new ones. */
    private SetFiles acmeFiles(VolumeRow row, VolumeOptions o) {
        Optional<SetFiles> latest = acme.latest(row.name());
        if (latest.isPresent() && !AcmeCertificates.due(latest.get().certificate(), settings.renewFraction(),
                clock.instant())) {
            return latest.get();
        }
        SetFiles files = acme.issue(row.name(), o);
        LOG.info("Volume {}: certificate {} of the ACME CA for {}, valid until {}", row.name(),
                files.certificate().getSerialNumber().toString(16), o.dnsNames(),
                files.certificate().getNotAfter().toInstant());
        return files;
    }

    /**
     * Checks a mounted ACME volume: due once {@code renew.at.percent} of the lifetime of the certificate in its tmpfs
     * has passed; then a new certificate is ordered and replaces the files. A failed order is retried after a wait
     * that doubles from the poll interval up to an hour, so that a CA refusing does not get an order every poll.
     */
    private Outcome refreshAcme(VolumeRow row, VolumeState state, Instant now) {
        String name = row.name();
        Path dir = settings.volumesDir().resolve(name);
        try {
            if (row.mounts().isEmpty() || !mounts.isMounted(dir)) {
                state.succeeded(now);
                return Outcome.NONE;
            }
            Optional<X509Certificate> current = VolumeFiles.currentCertificate(dir);
            if (current.isPresent() && !AcmeCertificates.due(current.get(), settings.renewFraction(), now)) {
                state.succeeded(now);
                return Outcome.NONE;
            }
            if (state.retryAfter != null && now.isBefore(state.retryAfter)) {
                return Outcome.NONE;
            }
            VolumeOptions o = options(row);
            SetFiles files;
            try {
                files = acme.issue(name, o);
            } catch (VolumeRequestException e) {
                Duration wait = state.retryWait == null ? settings.pollInterval()
                        : state.retryWait.multipliedBy(2).compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1)
                        : state.retryWait.multipliedBy(2);
                state.retryWait = wait;
                state.retryAfter = now.plus(wait);
                failed(name, state, now, e.getMessage() + " (next attempt in " + wait.toSeconds() + " s)");
                throw new IllegalStateException(e.getMessage(), e);
            }
            state.retryWait = null;
            state.retryAfter = null;
            VolumeFiles.replace(dir, files, o);
            recordCertificate(name, files, true);
            state.succeeded(now);
            LOG.info("Renewed the certificate of ACME volume {}: certificate {} valid until {}", name,
                    files.certificate().getSerialNumber().toString(16), files.certificate().getNotAfter().toInstant());
            return current.isPresent() ? Outcome.REPLACED : Outcome.FIRST;
        } catch (StoreException e) {
            failed(name, state, now, e.getMessage());
            throw new IllegalStateException("volume " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            failed(name, state, now, "cannot write its files: " + e.getMessage());
            throw new UncheckedIOException("volume " + name + ": cannot write its files", e);
        }
    }

    private enum Outcome {
        NONE, FIRST, REPLACED
    }

    private void failed(String name, VolumeState state, Instant now, String message) {
        if (state.failed(now, message)) {
            LOG.warn("Volume {} could not be checked against the certificate manager; its files stay as they are: {}",
                    name, message);
        }
    }

    /** One round of checks of every mounted volume of this host; failures are logged, not thrown. */
    void poll() {
        List<VolumeRow> rows;
        try {
            rows = store.transaction(c -> VolumeTable.all(c, host));
        } catch (StoreException e) {
            LOG.debug("Volume check skipped, the store is unavailable: {}", e.getMessage());
            return;
        }
        for (VolumeRow row : rows) {
            if (!row.mounts().isEmpty()) {
                try {
                    refresh(row.name(), false);
                } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
                    // recorded in the volume's state and logged once
                }
            }
        }
    }

    /** Checks at once every mounted volume of a set, after a local event said it changed. */
    void setChanged(String set) {
        for (VolumeRow row : store.transaction(c -> VolumeTable.all(c, host))) {
            if (row.setName().equals(set) && !row.mounts().isEmpty()) {
                try {
                    refresh(row.name(), true);
                } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
                    // recorded in the volume's state and logged once
                }
            }
        }
    }

    /**
     * After a start: mounts whose tmpfs is gone (the host restarted) are forgotten, the others are checked at the
     * next poll, and tmpfs mounts of the driver that no volume holds any more are taken away.
     */
    void reconcile() throws IOException {
        List<VolumeRow> rows = store.transaction(c -> VolumeTable.all(c, host));
        for (VolumeRow row : rows) {
            Path dir = settings.volumesDir().resolve(row.name());
            if (!row.mounts().isEmpty() && !mounts.isMounted(dir)) {
                LOG.info("Volume {} was mounted for {} but its tmpfs is gone (the host restarted?); forgetting those "
                        + "mounts, Docker mounts it again for containers it restarts", row.name(), row.mounts());
                store.transaction(c -> VolumeTable.removeMount(c, host, row.name(), null));
            } else if (row.mounts().isEmpty() && mounts.isMounted(dir)) {
                mounts.unmount(dir);
                VolumeFiles.deleteTree(dir);
            } else if (!row.mounts().isEmpty()) {
                LOG.info("Volume {} is still mounted for {}; keeping it current", row.name(), row.mounts());
            }
        }
        if (Files.isDirectory(settings.volumesDir())) {
            try (var entries = Files.list(settings.volumesDir())) {
                for (Path dir : (Iterable<Path>) entries::iterator) {
                    String name = dir.getFileName().toString();
                    if (rows.stream().noneMatch(r -> r.name().equals(name)) && mounts.isMounted(dir)) {
                        LOG.info("Unmounting {}: no volume of that name is left", dir);
                        mounts.unmount(dir);
                        VolumeFiles.deleteTree(dir);
                    }
                }
            }
        }
    }

    /**
     * Renews a set the driver owns when its certificate is due and the certificate manager has not renewed it: due
     * once {@code renew.at.percent} of the volume's lifetime has passed, counted back from the expiry.
     */
    VolumeRow renewIfDue(VolumeRow row) {
        if (!row.ownsSet() || row.notAfter() == null || !due(row.notAfter(), row.ttl())) {
            return row;
        }
        SetInfo info = source.info(row.setName()).orElseThrow(() -> new CertificateManagerException(
                CertificateManagerException.Reason.NOT_FOUND, "certificate set " + row.setName() + " is gone"));
        if (!"ACTIVE".equals(info.status()) && !"EXPIRED".equals(info.status())) {
            throw new CertificateManagerException(CertificateManagerException.Reason.REFUSED, "certificate set "
                    + row.setName() + " is " + info.status() + "; an operator renews it with cert:renew "
                    + row.setName());
        }
        if (info.notAfter() != null && !due(info.notAfter(), row.ttl())) {
            return record(row, info); // the certificate manager renewed it already
        }
        SetInfo renewed = source.renew(row.setName());
        LOG.info("Renewed certificate set {} of volume {}: certificate {} valid until {}", row.setName(), row.name(),
                renewed.serial(), renewed.notAfter());
        return record(row, renewed);
    }

    private boolean due(Instant notAfter, Duration ttl) {
        long remaining = (long) (ttl.toMillis() * (1 - settings.renewFraction()));
        return !clock.instant().isBefore(notAfter.minusMillis(remaining));
    }

    private VolumeRow record(VolumeRow row, SetInfo info) {
        store.transaction(c -> {
            VolumeTable.certificate(c, host, row.name(), info.serial(), info.notAfter(), row.subjectNames());
            return null;
        });
        return new VolumeRow(row.name(), row.ca(), row.setName(), row.ownsSet(), row.options(), row.ttl(), info.serial(),
                info.notAfter(), row.subjectNames(), row.createdAt(), row.mounts());
    }

    /** Records a volume's new certificate; an ACME volume's certificate itself too, to revoke it after a restart. */
    private void recordCertificate(String name, SetFiles files, boolean acmeVolume) {
        store.transaction(c -> {
            VolumeTable.certificate(c, host, name, files.certificate().getSerialNumber().toString(16),
                    files.certificate().getNotAfter().toInstant(), files.subjectNames());
            if (acmeVolume) {
                VolumeTable.keepLeafCertificate(c, host, name, files.certPem());
            }
            return null;
        });
    }

    VolumeOptions options(VolumeRow row) {
        return VolumeOptions.restore(row.options(), settings, row.ttl());
    }

    VolumeState state(String name) {
        return states.computeIfAbsent(name, n -> new VolumeState());
    }

    void forget(String name) {
        states.remove(name);
        acme.forget(name);
    }
}
