package dev.berth.certs.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.berth.certs.api.KeyAlgorithm;
import dev.berth.certs.vault.MasterKey;

/** Certificate managers for tests: a temporary data directory, free ports on 127.0.0.1. */
final class TestCertificateManagers {

    private TestCertificateManagers() {
    }

    static CertsSettings settings(Path dataDir, String masterKey) {
        return settings(dataDir, masterKey, Path.of("/nonexistent/master.key"), false, 0);
    }

    static CertsSettings settings(Path dataDir, String masterKey, Path keyFile, boolean create, int ports) {
        return new CertsSettings(dataDir, masterKey, keyFile, create, "Test CA", KeyAlgorithm.EC_P256,
                Duration.ofDays(3650), Duration.ofDays(1825),
                new SetManager.Defaults(KeyAlgorithm.EC_P256, Duration.ofDays(30), Duration.ofDays(397), 2.0 / 3),
                Duration.ofHours(1), Duration.ofHours(48), Duration.ofDays(90),
                NamePolicy.parse(List.of("localhost", "**.berth.internal"), List.of("127.0.0.0/8", "10.0.0.0/8"),
                        Duration.ofDays(397)),
                Duration.ofMinutes(2), "127.0.0.1", ports, ports, List.of("localhost"),
                List.of(InetAddress.getLoopbackAddress()), Set.of("berth-admin"), 1 << 20, "test-node");
    }

    static CertificateManager start(Path dataDir, String masterKey) throws Exception {
        return new CertificateManager(settings(dataDir, masterKey));
    }

    static String newKey() {
        return MasterKey.generate().toBase64();
    }

    /**
     * Wraps an object as the service objects DS hands a component for a reference.
     *
     * @param service the object
     * @param <S> its type
     * @return service objects that always give it
     */
    static <S> org.osgi.service.component.ComponentServiceObjects<S> objects(S service) {
        return new org.osgi.service.component.ComponentServiceObjects<>() {
            @Override
            public S getService() {
                return service;
            }

            @Override
            public void ungetService(S s) {
                // nothing was counted
            }

            @Override
            public org.osgi.framework.ServiceReference<S> getServiceReference() {
                return null;
            }
        };
    }
}
