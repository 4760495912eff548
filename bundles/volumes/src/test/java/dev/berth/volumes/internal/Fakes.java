package dev.berth.volumes.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.docker.api.Container;
import dev.berth.docker.api.DockerEngine;

/** The world around the driver, for tests: a certificate manager, the mount table, the clock and Docker. */
final class Fakes {

    private Fakes() {
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * A certificate manager: sets issued by a test CA, DNS names only under berth.internal, a serial-number version
     * for PROPFIND, and a record of every call.
     */
    static final class CertificateManager implements CertificateSource {
        final TestCa ca;
        final MovableClock clock;
        final Map<String, CertificateMaterial> sets = new ConcurrentHashMap<>();
        final Map<String, SetRequest> requests = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean down;

        CertificateManager(TestCa ca, MovableClock clock) {
            this.ca = ca;
            this.clock = clock;
        }

        @Override
        public String authority() {
            return Integer.toHexString(System.identityHashCode(ca));
        }

        @Override
        public SetInfo create(SetRequest r) {
            reachable();
            calls.add("create " + r.name());
            for (String n : r.dnsNames()) {
                if (!n.endsWith(".berth.internal")) {
                    throw new CertificateManagerException(Reason.POLICY, "enrollment client 'berth-volumes' may not get "
                            + "a certificate for '" + n + "': allowed DNS names are [**.berth.internal]");
                }
            }
            if (sets.containsKey(r.name())) {
                throw new CertificateManagerException(Reason.CONFLICT, "a certificate set named '" + r.name()
                        + "' exists");
            }
            requests.put(r.name(), r);
            return issue(r.name());
        }

        /** Issues (or renews) a set: a new key and certificate valid for the requested lifetime from now. */
        SetInfo issue(String name) {
            SetRequest r = requests.get(name);
            List<String> names = new ArrayList<>(r.dnsNames());
            r.ipAddresses().forEach(a -> names.add(a.getHostAddress()));
            try {
                sets.put(name, ca.server(clock.instant().plus(r.ttl()), names.toArray(new String[0])));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return info(name).orElseThrow();
        }

        @Override
        public Optional<SetInfo> info(String set) {
            reachable();
            CertificateMaterial m = sets.get(set);
            return m == null ? Optional.empty() : Optional.of(new SetInfo(set,
                    m.certificate().getSerialNumber().toString(16), m.certificate().getNotBefore().toInstant(),
                    m.certificate().getNotAfter().toInstant(), "ACTIVE"));
        }

        @Override
        public SetInfo renew(String set) {
            reachable();
            calls.add("renew " + set);
            return issue(set);
        }

        @Override
        public void delete(String set) {
            reachable();
            calls.add("delete " + set);
            sets.remove(set);
        }

        @Override
        public String version(String set) {
            reachable();
            return material(set).certificate().getSerialNumber().toString(16);
        }

        @Override
        public SetFiles fetch(String set) {
            reachable();
            return TestCa.files(material(set));
        }

        private CertificateMaterial material(String set) {
            CertificateMaterial m = sets.get(set);
            if (m == null) {
                throw new CertificateManagerException(Reason.POLICY, "cannot read /certs/" + set
                        + "/cert.pem: the certificate manager answered 403: forbidden");
            }
            return m;
        }

        private void reachable() {
            if (down) {
                throw new CertificateManagerException(Reason.UNAVAILABLE, "the certificate manager is unreachable");
            }
        }
    }

    /** Mounts as a set of paths; unmounting empties the directory as the end of a tmpfs would. */
    static final class Mounts implements MountTable {
        final Set<Path> mounted = ConcurrentHashMap.newKeySet();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public boolean isMounted(Path path) {
            return mounted.contains(path);
        }

        @Override
        public void mount(Path path, String size, int mode, int uid, int gid) throws IOException {
            if (!Files.isDirectory(path) || !mounted.add(path)) {
                throw new IOException("cannot mount " + path);
            }
            calls.add("mount " + path.getFileName() + " " + size + " " + Integer.toOctalString(mode) + " " + uid + ":"
                    + gid);
        }

        @Override
        public void unmount(Path path) throws IOException {
            if (!mounted.remove(path)) {
                throw new IOException("not mounted: " + path);
            }
            calls.add("unmount " + path.getFileName());
            try (var entries = Files.list(path)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    VolumeFiles.deleteTree(p);
                }
            }
        }
    }

    /** Docker: containers using volumes, and the signals sent to them. */
    static final class Docker implements DockerEngine {
        final Map<String, List<Container>> byVolume = new ConcurrentHashMap<>();
        final List<String> signals = new CopyOnWriteArrayList<>();

        void uses(String volume, String name, boolean running, Map<String, String> labels) {
            byVolume.computeIfAbsent(volume, v -> new CopyOnWriteArrayList<>()).add(new Container(name + "-id", name,
                    labels, "default", running, Map.of()));
        }

        @Override
        public List<Container> containersUsingVolume(String volume) {
            return byVolume.getOrDefault(volume, List.of());
        }

        @Override
        public void signal(String containerId, String signal) {
            signals.add(containerId + " " + signal);
        }

        @Override
        public List<Container> containers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Container> container(String idOrName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> networkNames() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void connect(String network, String containerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect(String network, String containerId) {
            throw new UnsupportedOperationException();
        }
    }
}
