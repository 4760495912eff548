package dev.berth.volumes.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.store.api.Store;
import dev.berth.store.api.StoreException;

/**
 * The volume driver's operations as Docker calls them: a volume is a row in the store naming its certificate set;
 * mounting it the first time mounts a tmpfs and writes the set's files into it, each caller ID counts once, and
 * the last unmount takes the tmpfs away. A refused request changes nothing: no set is left issued, nothing
 * mounted, no row written. An {@code issuer=acme} volume has no set: its certificate is ordered from the ACME CA
 * when it is created, and its key is kept only in memory and in the tmpfs (its certificate, public, in the store as
 * well, to revoke it when the volume is removed after a restart).
 */
final class VolumeDriver {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeDriver.class);
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

    private final VolumeSettings settings;
    private final Store store;
    private final CertificateSource source;
    private final MountTable mounts;
    private final VolumeLocks locks;
    private final VolumeRefresher refresher;
    private final AcmeCertificates acme;
    private final String host;

    VolumeDriver(VolumeSettings settings, Store store, CertificateSource source, MountTable mounts,
            ContainerSignals signals, Clock clock, AcmeCertificates acme) {
        this.settings = settings;
        this.store = store;
        this.source = source;
        this.mounts = mounts;
        this.locks = new VolumeLocks();
        this.host = settings.hostName();
        this.acme = acme;
        this.refresher = new VolumeRefresher(settings, store, source, mounts, signals, clock, locks, acme);
    }

    VolumeRefresher refresher() {
        return refresher;
    }

    /** {@code VolumeDriver.Create}: issues the volume's certificate set (or checks an existing one is readable). */
    void create(String name, Map<String, String> options) {
        checkName(name);
        VolumeOptions o = VolumeOptions.parse(options, settings);
        locks.with(name, () -> {
            Optional<VolumeRow> existing = find(name);
            if (existing.isPresent()) {
                if (existing.get().options().equals(options)) {
                    return null; // Docker repeats a Create it is not sure of
                }
                throw new VolumeRequestException("volume " + name + " exists with other options: "
                        + existing.get().options());
            }
            VolumeRow row = o.acme() ? acmeVolume(name, options, o)
                    : o.mountsExistingSet() ? existingSet(name, options, o) : ownSet(name, options, o);
            String leafPem = row.acme() ? acme.latest(name).map(SetFiles::certPem).orElse("") : "";
            try {
                store.transaction(c -> {
                    VolumeTable.insert(c, host, row);
                    if (row.acme()) {
                        VolumeTable.keepLeafCertificate(c, host, name, leafPem);
                    }
                    return null;
                });
            } catch (StoreException e) {
                if (row.ownsSet()) {
                    deleteSetQuietly(row.setName());
                }
                if (row.acme()) {
                    acme.retire(name, ""); // issued for a volume that does not come to be
                }
                throw e;
            }
            if (row.acme()) {
                LOG.info("Created volume {} with a certificate of the ACME CA for {}: {} valid until {}", name,
                        row.subjectNames(), row.serial(), row.notAfter());
                return null;
            }
            LOG.info("Created volume {} with certificate set {} ({}), certificate {} valid until {}", name,
                    row.setName(), row.subjectNames(), row.serial(), row.notAfter());
            return null;
        });
    }

    private VolumeRow ownSet(String name, Map<String, String> options, VolumeOptions o) {
        String set = SetNames.forVolume(settings.clientId(), name);
        SetInfo created;
        try {
            created = source.create(SetRequest.of(set, o));
        } catch (CertificateManagerException e) {
            if (e.reason() != CertificateManagerException.Reason.CONFLICT) {
                throw refused(name, e);
            }
            // left behind by a volume whose set could not be deleted: ours, and nobody else's, so start afresh
            String ca = source.authority();
            if (!store.transaction(c -> VolumeTable.usersOfSet(c, ca, set)).isEmpty()) {
                throw new VolumeRequestException("certificate set " + set + " is in use by another volume");
            }
            LOG.info("Replacing the orphaned certificate set {} for new volume {}", set, name);
            deleteSetQuietly(set);
            try {
                created = source.create(SetRequest.of(set, o));
            } catch (CertificateManagerException again) {
                throw refused(name, again);
            }
        }
        List<String> names = new java.util.ArrayList<>(o.dnsNames());
        o.ipAddresses().forEach(a -> names.add(a.getHostAddress()));
        return new VolumeRow(name, source.authority(), set, true, options, o.ttl(), created.serial(), created.notAfter(), names, null,
                List.of());
    }

    private VolumeRow acmeVolume(String name, Map<String, String> options, VolumeOptions o) {
        SetFiles files = acme.issue(name, o);
        X509Certificate leaf = files.certificate();
        Duration lifetime = Duration.between(leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant());
        return new VolumeRow(name, AcmeCertificates.CA, "", false, options, lifetime,
                leaf.getSerialNumber().toString(16), leaf.getNotAfter().toInstant(), files.subjectNames(), null,
                List.of());
    }

    private VolumeRow existingSet(String name, Map<String, String> options, VolumeOptions o) {
        try {
            SetFiles files = source.fetch(o.existingSet());
            return new VolumeRow(name, source.authority(), o.existingSet(), false, options, o.ttl(),
                    files.certificate().getSerialNumber().toString(16),
                    files.certificate().getNotAfter().toInstant(), files.subjectNames(), null, List.of());
        } catch (CertificateManagerException e) {
            if (e.reason() == CertificateManagerException.Reason.POLICY) {
                throw new VolumeRequestException("the volume driver (client " + settings.clientId() + ") may not "
                        + "read certificate set " + o.existingSet() + ", or there is none: an operator gives it access "
                        + "with cert:readers " + o.existingSet() + " " + settings.clientId());
            }
            throw refused(name, e);
        }
    }

    /**
     * {@code VolumeDriver.Remove}: unmounts what is left, and deletes the set with the last volume using it. A volume
     * the driver does not know is gone already: Docker may forget it too.
     */
    void remove(String name) {
        locks.with(name, () -> {
            Optional<VolumeRow> found = find(name);
            if (found.isEmpty()) {
                LOG.info("Docker removed volume {}, which the driver does not know (any more)", name);
                unmountQuietly(name, mountpoint(name), false);
                return null;
            }
            VolumeRow row = found.get();
            unmountQuietly(name, mountpoint(name), true);
            // read before the row goes: after a restart the store's copy is all there is to revoke
            String leafPem = row.acme() ? store.transaction(c -> VolumeTable.leafCertificate(c, host, name)) : "";
            String deleteSet = store.transaction(c -> {
                VolumeTable.delete(c, host, name);
                Map<String, Boolean> users = VolumeTable.usersOfSet(c, row.ca(), row.setName());
                if (!row.ownsSet()) {
                    return null;
                }
                if (users.isEmpty()) {
                    return row.setName();
                }
                if (!users.containsValue(true)) {
                    VolumeTable.takeOwnership(c, users.keySet().iterator().next());
                }
                return null;
            });
            if (row.acme()) {
                acme.retire(name, leafPem);
            }
            refresher.forget(name);
            if (deleteSet != null) {
                deleteSetQuietly(deleteSet);
            }
            LOG.info("Removed volume {}{}", name, deleteSet != null ? " and certificate set " + deleteSet
                    : row.ownsSet() ? "; its certificate set " + row.setName() + " stays for the other volumes using it"
                    : "");
            return null;
        });
    }

    /** {@code VolumeDriver.Mount}: counts the caller, and fills a new tmpfs for the first one. */
    Path mount(String name, String callerId) {
        return locks.with(name, () -> {
            VolumeRow row = find(name).orElseThrow(() -> new VolumeRequestException("no volume named " + name));
            Path dir = mountpoint(name);
            int callers = store.transaction(c -> VolumeTable.addMount(c, host, name, callerId));
            try {
                refresher.fill(row, dir);
            } catch (RuntimeException e) {
                int left = store.transaction(c -> VolumeTable.removeMount(c, host, name, callerId));
                if (left == 0) {
                    unmountQuietly(name, dir, false);
                }
                throw e instanceof CertificateManagerException cme ? refused(name, cme)
                        : e instanceof UncheckedIOException io ? new VolumeRequestException("cannot mount volume "
                                + name + ": " + io.getCause().getMessage(), io) : e;
            }
            LOG.info("Mounted volume {} at {} for {} ({} caller{})", name, dir, callerId, callers,
                    callers == 1 ? "" : "s");
            return dir;
        });
    }

    /** {@code VolumeDriver.Unmount}: forgets the caller, and takes the tmpfs away after the last one. */
    void unmount(String name, String callerId) {
        locks.with(name, () -> {
            Path dir = mountpoint(name);
            int left = find(name).isPresent()
                    ? store.transaction(c -> VolumeTable.removeMount(c, host, name, callerId)) : 0;
            if (left == 0) {
                unmountQuietly(name, dir, false);
                LOG.info("Unmounted volume {} (last caller {})", name, callerId);
            } else {
                LOG.info("Volume {} stays mounted for {} more caller{} after {}", name, left, left == 1 ? "" : "s",
                        callerId);
            }
            return null;
        });
    }

    /** {@code VolumeDriver.Path}: the mount point while the volume is mounted. */
    Optional<Path> path(String name) {
        Path dir = mountpoint(name);
        return find(name).filter(r -> !r.mounts().isEmpty()).map(r -> dir);
    }

    Optional<VolumeRow> find(String name) {
        return store.transaction(c -> VolumeTable.find(c, host, name));
    }

    List<VolumeRow> list() {
        return store.transaction(c -> VolumeTable.all(c, host));
    }

    Path mountpoint(String name) {
        return settings.volumesDir().resolve(name);
    }

    private void unmountQuietly(String name, Path dir, boolean forgetCallers) {
        try {
            if (mounts.isMounted(dir)) {
                mounts.unmount(dir);
            }
            if (Files.isDirectory(dir)) {
                VolumeFiles.deleteTree(dir);
            }
        } catch (IOException e) {
            throw new VolumeRequestException("cannot unmount volume " + name + " at " + dir + ": " + e.getMessage(), e);
        }
        if (forgetCallers) {
            store.transaction(c -> VolumeTable.removeMount(c, host, name, null));
        }
    }

    private void deleteSetQuietly(String set) {
        try {
            source.delete(set);
        } catch (CertificateManagerException e) {
            LOG.warn("Certificate set {} could not be deleted and stays at the certificate manager (cert:delete {} "
                    + "removes it): {}", set, set, e.getMessage());
        }
    }

    private static VolumeRequestException refused(String name, CertificateManagerException e) {
        return new VolumeRequestException("volume " + name + ": " + e.getMessage(), e);
    }

    private static void checkName(String name) {
        if (name == null || !VOLUME_NAME.matcher(name).matches()) {
            throw new VolumeRequestException("'" + name + "' is not a volume name");
        }
    }
}
