package dev.berth.volumes.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.EnrollmentClientInfo;
import dev.berth.certs.api.EnrollmentClientSpec;
import dev.berth.certs.api.EnrollmentRegistry;
import dev.berth.certs.api.EnrollmentRequest;
import dev.berth.certs.api.SecretStore;

/** The driver's own client certificate, with the clock faked; and its registration with a local certificate manager. */
public class ClientSessionTest {

    private final VolumeSettings settings = TestSettings.settings(Path.of("/run/test"));

    @Test
    public void enrollsOnceAndAgainAfterTwoThirdsOfTheLifetime() throws Exception {
        TestCa ca = new TestCa();
        Fakes.MovableClock clock = new Fakes.MovableClock();
        List<EnrollmentRequest> requests = new ArrayList<>();
        ClientSession session = new ClientSession(settings, r -> {
            requests.add(r);
            try {
                return ca.client(r.clientId(), clock.instant().plus(Duration.ofHours(3)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> new byte[32], clock);
        CertificateMaterial first = session.material();
        assertSame(first, session.material());
        assertEquals(1, requests.size());
        assertEquals("berth-volumes", requests.get(0).clientId());
        assertEquals(settings.enrollServer(), requests.get(0).server());
        assertTrue("a client certificate names nothing", requests.get(0).dnsNames().isEmpty());
        clock.advance(Duration.ofMinutes(119));
        assertSame(first, session.material());
        clock.advance(Duration.ofMinutes(2));
        assertNotSame(first, session.material());
        assertEquals(2, requests.size());
    }

    @Test
    public void aFailedRenewalKeepsTheValidCertificateAndAFirstFailureIsRetriedLater() throws Exception {
        TestCa ca = new TestCa();
        Fakes.MovableClock clock = new Fakes.MovableClock();
        AtomicReference<Boolean> up = new AtomicReference<>(false);
        ClientSession session = new ClientSession(settings, r -> {
            if (!up.get()) {
                throw new CertificateManagerException(Reason.UNAVAILABLE, "cannot reach the enrollment server");
            }
            try {
                return ca.client(r.clientId(), clock.instant().plus(Duration.ofHours(3)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> new byte[32], clock);
        CertificateManagerException e = assertThrows(CertificateManagerException.class, session::material);
        assertTrue(e.getMessage(), e.getMessage().contains("cannot reach"));
        up.set(true);
        assertThrows("not before the retry delay", CertificateManagerException.class, session::material);
        clock.advance(Duration.ofSeconds(6));
        CertificateMaterial m = session.material();
        up.set(false);
        clock.advance(Duration.ofMinutes(150));
        assertSame("still valid, kept", m, session.material());
        assertTrue(session.lastError().contains("cannot reach"));
    }

    @Test
    public void theDriverRegistersItselfOnceAndKeepsItsKeyInTheSecretStore() {
        FakeRegistry registry = new FakeRegistry();
        FakeSecrets secrets = new FakeSecrets();
        byte[] psk = LocalRegistration.psk(settings, registry, secrets);
        assertEquals(32, psk.length);
        assertArrayEquals(psk, secrets.getSecret("volumes/berth-volumes.psk").orElseThrow());
        assertEquals(List.of("register berth-volumes"), registry.calls);
        assertEquals(List.of("**.berth.internal"), registry.clients().get(0).spec().allowedDnsNames());
        assertArrayEquals("the second start reuses it", psk, LocalRegistration.psk(settings, registry, secrets));
        assertEquals(1, registry.calls.size());

        secrets.deleteSecret("volumes/berth-volumes.psk");
        byte[] again = LocalRegistration.psk(settings, registry, secrets);
        assertEquals(List.of("register berth-volumes", "remove berth-volumes", "register berth-volumes"),
                registry.calls);
        assertArrayEquals(again, secrets.getSecret("volumes/berth-volumes.psk").orElseThrow());

        VolumeSettings narrower = new VolumeSettings(settings.runtimeDir(), settings.hostName(), settings.clientId(),
                settings.psk(), settings.enrollServer(), settings.webdavServer(), settings.pollInterval(),
                settings.resyncInterval(), settings.renewFraction(), settings.defaultTtl(), settings.maxTtl(),
                List.of("*.web.berth.internal"), settings.allowedIp(), settings.keyAlgorithm(), settings.tmpfsSize(),
                settings.reloadLabel(), settings.timeout());
        LocalRegistration.psk(narrower, registry, secrets);
        assertEquals(5, registry.calls.size());
        assertEquals(List.of("*.web.berth.internal"), registry.clients().get(0).spec().allowedDnsNames());
    }

    private static final class FakeRegistry implements EnrollmentRegistry {
        final List<String> calls = new ArrayList<>();
        EnrollmentClientInfo client;

        @Override
        public String register(EnrollmentClientSpec spec) {
            calls.add("register " + spec.clientId());
            client = new EnrollmentClientInfo(spec, java.time.Instant.now(), null, 0);
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }

        @Override
        public List<EnrollmentClientInfo> clients() {
            return client == null ? List.of() : List.of(client);
        }

        @Override
        public void remove(String clientId) {
            calls.add("remove " + clientId);
            client = null;
        }
    }

    private static final class FakeSecrets implements SecretStore {
        final java.util.Map<String, byte[]> secrets = new java.util.HashMap<>();

        @Override
        public void putSecret(String name, byte[] secret) {
            secrets.put(name, secret.clone());
        }

        @Override
        public Optional<byte[]> getSecret(String name) {
            return Optional.ofNullable(secrets.get(name)).map(byte[]::clone);
        }

        @Override
        public boolean deleteSecret(String name) {
            return secrets.remove(name) != null;
        }

        @Override
        public List<String> secretNames(String prefix) {
            return secrets.keySet().stream().filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }
}
