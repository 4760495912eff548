package dev.berth.volumes.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestName;

import dev.berth.acme.api.AcmeIssuer;
import dev.berth.acme.internal.PebbleAcme;
import dev.berth.certs.api.KeyAlgorithm;
import dev.berth.certs.api.Pem;
import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/**
 * {@code issuer=acme} volumes on a real store with the ACME client faked: the options, the five files, renewal at
 * the configured share of the lifetime with replacement and signals, a restart, failures, and no ACME client; and
 * revocation after a restart against the real pebble.
 */
public class AcmeVolumeTest {

    private static PostgresStore store;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public TestName test = new TestName();

    private Fakes.MovableClock clock;
    private Fakes.CertificateManager certs;
    private Fakes.Mounts mounts;
    private Fakes.Docker docker;
    private FakeAcmeIssuer acme;
    private VolumeSettings settings;
    private VolumeDriver driver;

    @BeforeClass
    public static void startStore() throws Exception {
        store = TestStores.embedded();
        store.migrate("volumes", VolumeService.MIGRATIONS);
    }

    @AfterClass
    public static void stopStore() throws Exception {
        TestStores.destroy(store);
    }

    @Before
    public void setUp() throws Exception {
        clock = new Fakes.MovableClock();
        certs = new Fakes.CertificateManager(new TestCa(), clock);
        mounts = new Fakes.Mounts();
        docker = new Fakes.Docker();
        acme = new FakeAcmeIssuer(clock);
        settings = TestSettings.settings(temp.newFolder("run").toPath(), URI.create("https://127.0.0.1:1/"),
                "acme-" + test.getMethodName());
        driver = newDriver(acme);
    }

    private VolumeDriver newDriver(AcmeIssuer issuer) {
        return new VolumeDriver(settings, store, certs, mounts, new ContainerSignals(() -> docker,
                "berth.certs.reload"), clock, new AcmeCertificates(() -> issuer));
    }

    private static String read(Path dir, String file) throws Exception {
        return Files.readString(dir.resolve(file));
    }

    private String refusal(Map<String, String> options) {
        return assertThrows(VolumeRequestException.class, () -> VolumeOptions.parse(options, settings)).getMessage();
    }

    @Test
    public void optionsThatAnAcmeCaCannotHonourAreRefusedByName() {
        assertTrue(refusal(Map.of("issuer", "acme")).startsWith("issuer=acme needs the DNS names"));
        assertTrue(refusal(Map.of("issuer", "acme", "dns", "web.acme.test", "ip", "1.2.3.4"))
                .startsWith("ip: an ACME CA certifies DNS names only"));
        assertTrue(refusal(Map.of("issuer", "acme", "dns", "web.acme.test", "ttl", "30d"))
                .startsWith("ttl: with issuer=acme the ACME CA decides"));
        assertTrue(refusal(Map.of("issuer", "acme", "dns", "web.acme.test", "cn", "x")).startsWith("cn:"));
        assertTrue(refusal(Map.of("issuer", "acme", "dns", "web.acme.test", "profile", "client"))
                .startsWith("profile:"));
        assertTrue(refusal(Map.of("issuer", "acme", "set", "backup")).startsWith("issuer=acme needs the DNS names"));
        assertTrue(refusal(Map.of("issuer", "acme", "dns", "a.acme.test", "set", "backup")).startsWith("set "));
        assertTrue(refusal(Map.of("issuer", "acme", "dns", "*.acme.test")).contains("dns-01"));
        VolumeOptions o = VolumeOptions.parse(Map.of("issuer", "ACME", "dns", "Web.Acme.Test", "key", "rsa-2048",
                "uid", "7"), settings);
        assertTrue(o.acme());
        assertEquals(List.of("web.acme.test"), o.dnsNames());
        assertEquals(KeyAlgorithm.RSA_2048, o.keyAlgorithm());
        assertFalse(VolumeOptions.parse(Map.of("dns", "web.berth.internal"), settings).acme());
    }

    @Test
    public void withoutTheAcmeClientTheVolumeIsRefusedAndNothingIsLeft() {
        driver = newDriver(null);
        VolumeRequestException e = assertThrows(VolumeRequestException.class,
                () -> driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test")));
        assertTrue(e.getMessage(), e.getMessage().contains("the ACME client (berth-acme) is not running"));
        assertTrue(driver.find("web").isEmpty());
        assertTrue(certs.calls.isEmpty());
        assertThrows(VolumeRequestException.class, () -> driver.mount("web", "caller"));
        assertTrue(mounts.calls.isEmpty());
        assertFalse(Files.exists(settings.volumesDir().resolve("web")));
    }

    @Test
    public void aRefusalOfTheAcmeCaReachesDockerAndNothingIsLeft() {
        acme.refusing = true;
        VolumeRequestException e = assertThrows(VolumeRequestException.class,
                () -> driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test")));
        assertTrue(e.getMessage(), e.getMessage().contains("rejectedIdentifier"));
        assertTrue(driver.find("web").isEmpty());
        assertTrue(mounts.calls.isEmpty());
    }

    @Test
    public void theVolumeGetsTheFiveFilesOfTheAcmeCertificateAndTheKeyOnlyThere() throws Exception {
        driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test,www.acme.test", "key", "rsa-2048"));
        assertEquals(List.of(List.of("web.acme.test", "www.acme.test")), acme.orders);
        assertTrue("no certificate set for an ACME volume", certs.calls.isEmpty());
        VolumeRow row = driver.find("web").orElseThrow();
        assertEquals("acme", row.issuer());
        assertEquals(List.of("web.acme.test", "www.acme.test"), row.subjectNames());
        assertEquals(Duration.ofDays(90), row.ttl());

        Path dir = driver.mount("web", "caller");
        assertEquals("the first mount uses the certificate ordered at create", 1, acme.orders.size());
        X509Certificate leaf = Pem.parseCertificates(read(dir, "cert.pem")).get(0);
        assertEquals("RSA", leaf.getPublicKey().getAlgorithm());
        assertEquals(leaf.getSerialNumber().toString(16), row.serial());
        assertEquals(List.of(leaf, acme.intermediate), Pem.parseCertificates(read(dir, "chain.pem")));
        assertEquals(read(dir, "chain.pem"), read(dir, "fullchain.pem"));
        assertEquals(List.of(acme.intermediate), Pem.parseCertificates(read(dir, "ca.pem")));
        SetFiles files = new SetFiles(read(dir, "cert.pem"), read(dir, "key.pem"), read(dir, "chain.pem"),
                acme.rootPem());
        assertTrue("the key matches the certificate, the chain leads to the root", files.consistent());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve(Files.readSymbolicLink(dir.resolve("..data"))).resolve("key.pem"))));

        String stored = store.transaction(c -> {
            StringBuilder all = new StringBuilder();
            try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM vol_volume")) {
                while (r.next()) {
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        all.append(r.getString(i)).append('|');
                    }
                }
            }
            return all.toString();
        });
        assertFalse("the key is not in the store", stored.contains("PRIVATE KEY"));
        assertFalse(stored.contains(read(dir, "key.pem").split("\n")[1]));
    }

    @Test
    public void aDueCertificateIsOrderedAgainReplacedAndTheContainersSignalled() throws Exception {
        acme.lifetime = Duration.ofSeconds(300);
        driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test"));
        Path dir = driver.mount("web", "caller");
        String first = read(dir, "cert.pem");
        String firstKey = read(dir, "key.pem");
        docker.uses("web", "app", true, Map.of("berth.certs.reload", "SIGHUP"));

        clock.advance(Duration.ofSeconds(180));
        driver.refresher().poll();
        assertEquals("not due before two thirds of the lifetime", 1, acme.orders.size());
        assertEquals(first, read(dir, "cert.pem"));

        clock.advance(Duration.ofSeconds(30));
        driver.refresher().poll();
        assertEquals(2, acme.orders.size());
        assertNotEquals(first, read(dir, "cert.pem"));
        assertNotEquals("a new key with each certificate", firstKey, read(dir, "key.pem"));
        assertTrue(new SetFiles(read(dir, "cert.pem"), read(dir, "key.pem"), read(dir, "chain.pem"), acme.rootPem())
                .consistent());
        assertEquals(List.of("app-id SIGHUP"), docker.signals);
        X509Certificate now = Pem.parseCertificates(read(dir, "cert.pem")).get(0);
        assertEquals(now.getSerialNumber().toString(16), driver.find("web").orElseThrow().serial());
        assertEquals(now.getNotAfter().toInstant(), driver.find("web").orElseThrow().notAfter());

        driver.refresher().poll();
        assertEquals(2, acme.orders.size());
        assertEquals(1, docker.signals.size());
    }

    @Test
    public void afterARestartTheCertificateInTheTmpfsTellsWhenToRenew() throws Exception {
        acme.lifetime = Duration.ofSeconds(300);
        driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test"));
        Path dir = driver.mount("web", "caller");
        String first = read(dir, "cert.pem");
        docker.uses("web", "app", true, Map.of("berth.certs.reload", "SIGHUP"));

        driver = newDriver(acme); // Berth restarts: nothing in memory, the tmpfs stays
        driver.refresher().reconcile();
        driver.refresher().poll();
        assertEquals(1, acme.orders.size());
        assertEquals(first, read(dir, "cert.pem"));
        clock.advance(Duration.ofSeconds(210));
        driver.refresher().poll();
        assertEquals(2, acme.orders.size());
        assertNotEquals(first, read(dir, "cert.pem"));
        assertEquals(List.of("app-id SIGHUP"), docker.signals);
    }

    @Test
    public void aFailedOrderKeepsTheFilesAndIsRetriedLater() throws Exception {
        acme.lifetime = Duration.ofSeconds(300);
        driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test"));
        Path dir = driver.mount("web", "caller");
        String first = read(dir, "cert.pem");
        clock.advance(Duration.ofSeconds(210));
        acme.refusing = true;
        driver.refresher().poll();
        assertEquals(first, read(dir, "cert.pem"));
        assertTrue(driver.refresher().state("web").lastError, driver.refresher().state("web").lastError
                .contains("rejectedIdentifier"));
        driver.refresher().poll();
        assertEquals("no new order before the retry wait", 2, acme.orders.size());
        acme.refusing = false;
        clock.advance(settings.pollInterval());
        driver.refresher().poll();
        assertEquals(3, acme.orders.size());
        assertNotEquals(first, read(dir, "cert.pem"));
        assertEquals("", driver.refresher().state("web").lastError);
    }

    @Test
    public void aVolumeMountedAgainAfterARestartGetsANewCertificateAndRemovalLeavesNothing() throws Exception {
        driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test"));
        driver = newDriver(acme);
        Path dir = driver.mount("web", "caller");
        assertEquals("the key of the first certificate died with the process", 2, acme.orders.size());
        assertTrue(Files.exists(dir.resolve("key.pem")));
        X509Certificate second = Pem.parseCertificates(read(dir, "cert.pem")).get(0);
        driver.unmount("web", "caller");
        assertFalse(Files.exists(dir));
        driver.remove("web");
        assertTrue(driver.find("web").isEmpty());
        assertTrue(certs.calls.isEmpty());
        assertEquals("the certificate this process issued is revoked; the first one's key died with the process",
                List.of(second.getSerialNumber()), acme.revoked);
    }

    @Test
    public void removingAVolumeRevokesItsCertificateAndAnUnreachableCaDoesNotKeepTheVolume() throws Exception {
        driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test"));
        driver.create("api", Map.of("issuer", "acme", "dns", "api.acme.test"));
        Path dir = driver.mount("web", "caller");
        X509Certificate web = Pem.parseCertificates(read(dir, "cert.pem")).get(0);
        driver.unmount("web", "caller");
        assertTrue(acme.revoked.isEmpty());

        driver.remove("web");
        assertEquals(List.of(web.getSerialNumber()), acme.revoked);
        assertTrue(driver.find("web").isEmpty());

        acme.unreachable = true;
        driver.remove("api");
        assertTrue("the volume goes even when the CA cannot revoke", driver.find("api").isEmpty());
        assertEquals(1, acme.revoked.size());
    }

    @Test
    public void theStoredCertificateFollowsRenewalAndIsRevokedAfterARestart() throws Exception {
        acme.lifetime = Duration.ofSeconds(300);
        driver.create("web", Map.of("issuer", "acme", "dns", "web.acme.test"));
        Path dir = driver.mount("web", "caller");
        assertEquals("the certificate, not its key, is kept", read(dir, "cert.pem"), storedCertificate("web"));
        clock.advance(Duration.ofSeconds(210));
        driver.refresher().poll();
        assertEquals(2, acme.orders.size());
        X509Certificate renewed = Pem.parseCertificates(read(dir, "cert.pem")).get(0);
        assertEquals("a renewal replaces the kept certificate", read(dir, "cert.pem"), storedCertificate("web"));
        driver.unmount("web", "caller");

        driver = newDriver(acme); // Berth restarts: nothing in memory
        driver.remove("web");
        assertEquals(List.of(renewed.getSerialNumber()), acme.revoked);
        assertTrue(driver.find("web").isEmpty());
    }

    @Test
    public void afterARestartAVolumeWithoutAStoredCertificateOrAnUnreachableCaIsRemovedAnyway() throws Exception {
        driver.create("old", Map.of("issuer", "acme", "dns", "old.acme.test"));
        driver.create("api", Map.of("issuer", "acme", "dns", "api.acme.test"));
        store.transaction(c -> { // a volume created before the driver kept certificates
            VolumeTable.keepLeafCertificate(c, settings.hostName(), "old", "");
            return null;
        });

        driver = newDriver(acme);
        driver.remove("old");
        assertTrue(driver.find("old").isEmpty());
        assertTrue("nothing to revoke", acme.revoked.isEmpty());
        acme.unreachable = true;
        driver.remove("api");
        assertTrue("the volume goes even when the CA cannot revoke", driver.find("api").isEmpty());
        assertTrue(acme.revoked.isEmpty());
    }

    @Test
    public void pebbleRevokesACertificateIssuedBeforeARestartWhenTheVolumeIsRemoved() throws Exception {
        try (PebbleAcme pebble = new PebbleAcme(temp.newFolder("pebble").toPath())) {
            driver = newDriver(pebble.newIssuer());
            driver.create("web", Map.of("issuer", "acme", "dns", "web.berth-volumes.test"));
            Path dir = driver.mount("web", "caller");
            X509Certificate leaf = Pem.parseCertificates(read(dir, "cert.pem")).get(0);
            assertEquals(new PebbleAcme.CertificateStatus("Valid", 0), pebble.status(leaf));
            driver.unmount("web", "caller");

            // Berth restarts: a new driver and a new ACME client, the same account (its key in the secret store)
            driver = newDriver(pebble.newIssuer());
            driver.remove("web");

            assertTrue(driver.find("web").isEmpty());
            assertEquals("revoked for cessation of operation", new PebbleAcme.CertificateStatus("Revoked", 5),
                    pebble.status(leaf));
        }
    }

    private String storedCertificate(String volume) {
        return store.transaction(c -> {
            try (var p = c.prepareStatement("SELECT certificate FROM vol_volume WHERE host = ? AND name = ?")) {
                p.setString(1, settings.hostName());
                p.setString(2, volume);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }
}
