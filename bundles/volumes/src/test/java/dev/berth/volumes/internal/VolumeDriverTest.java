package dev.berth.volumes.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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

import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/**
 * The driver on a real store, with the certificate manager, the mount table, Docker and the clock faked: reference
 * counts per caller, refusals that leave nothing behind, renewal with atomic replacement and signals, shared sets,
 * and a restart.
 */
public class VolumeDriverTest {

    private static PostgresStore store;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public TestName test = new TestName();

    private Fakes.MovableClock clock;
    private Fakes.CertificateManager certs;
    private Fakes.Mounts mounts;
    private Fakes.Docker docker;
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
        // each test is a host of its own in the shared store
        settings = TestSettings.settings(temp.newFolder("run").toPath(), URI.create("https://127.0.0.1:1/"),
                test.getMethodName());
        driver = newDriver();
    }

    private VolumeDriver newDriver() {
        return new VolumeDriver(settings, store, certs, mounts, new ContainerSignals(() -> docker,
                "berth.certs.reload"), clock, new AcmeCertificates(() -> null));
    }

    private String cert(Path dir) throws Exception {
        return Files.readString(dir.resolve("cert.pem"));
    }

    @Test
    public void theFirstMountFillsATmpfsAndTheLastUnmountTakesItAway() throws Exception {
        driver.create("web", Map.of("dns", "web.berth.internal", "uid", "33", "gid", "34", "dir-mode", "0750"));
        assertEquals(List.of("create berth-volumes.web"), certs.calls);
        assertTrue("nothing is mounted before a container needs it", mounts.calls.isEmpty());
        assertTrue(driver.path("web").isEmpty());

        Path dir = driver.mount("web", "caller-1");
        assertEquals(settings.volumesDir().resolve("web"), dir);
        assertEquals(List.of("mount web 1m 750 33:34"), mounts.calls);
        assertTrue(TestCa.files(certs.sets.get("berth-volumes.web")).certPem().equals(cert(dir)));
        assertEquals(dir, driver.mount("web", "caller-2"));
        assertEquals(dir, driver.mount("web", "caller-2")); // a repeated Mount counts once
        assertEquals(1, mounts.calls.size());
        assertEquals(List.of("caller-1", "caller-2"), driver.find("web").orElseThrow().mounts());

        driver.unmount("web", "caller-1");
        assertTrue(mounts.isMounted(dir));
        assertTrue(Files.exists(dir.resolve("key.pem")));
        driver.unmount("web", "caller-2");
        assertFalse(mounts.isMounted(dir));
        assertFalse(Files.exists(dir));
        assertEquals(List.of("mount web 1m 750 33:34", "unmount web"), mounts.calls);
        driver.unmount("web", "caller-unknown"); // Docker may repeat an Unmount
        assertEquals(Map.of("dns", "web.berth.internal", "uid", "33", "gid", "34", "dir-mode", "0750"),
                driver.find("web").orElseThrow().options());
        assertEquals(List.of("web.berth.internal"), driver.find("web").orElseThrow().subjectNames());
    }

    @Test
    public void aNameThePolicyForbidsIsRefusedAndNothingIsIssuedOrMounted() {
        VolumeRequestException e = assertThrows(VolumeRequestException.class,
                () -> driver.create("evil", Map.of("dns", "evil.example.com")));
        assertTrue(e.getMessage(), e.getMessage().contains("may not get a certificate for 'evil.example.com'"));
        assertTrue(driver.find("evil").isEmpty());
        assertTrue(certs.sets.isEmpty());
        assertThrows(VolumeRequestException.class, () -> driver.mount("evil", "caller"));
        assertTrue(mounts.calls.isEmpty());
        assertFalse(Files.exists(settings.volumesDir().resolve("evil")));
    }

    @Test
    public void aMountThatCannotReadItsSetLeavesNothingMounted() {
        driver.create("web", Map.of("dns", "web.berth.internal"));
        certs.down = true;
        VolumeRequestException e = assertThrows(VolumeRequestException.class, () -> driver.mount("web", "caller"));
        assertTrue(e.getMessage(), e.getMessage().contains("unreachable"));
        assertTrue(driver.find("web").orElseThrow().mounts().isEmpty());
        assertTrue(mounts.mounted.isEmpty());
        certs.down = false;
        assertTrue(Files.exists(driver.mount("web", "caller").resolve("cert.pem")));
    }

    @Test
    public void aDueSetIsRenewedTheFilesReplacedAndTheLabelledContainersSignalled() throws Exception {
        driver.create("web", Map.of("dns", "web.berth.internal", "ttl", "60s"));
        Path dir = driver.mount("web", "caller");
        String first = cert(dir);
        docker.uses("web", "app", true, Map.of("berth.certs.reload", "SIGHUP"));
        docker.uses("web", "quiet", true, Map.of());
        docker.uses("web", "stopped", false, Map.of("berth.certs.reload", "SIGHUP"));
        docker.uses("web", "odd", true, Map.of("berth.certs.reload", "please reload"));

        clock.advance(Duration.ofSeconds(30));
        driver.refresher().poll();
        assertEquals("not due before two thirds of the lifetime", first, cert(dir));
        assertFalse(certs.calls.contains("renew berth-volumes.web"));

        clock.advance(Duration.ofSeconds(11));
        driver.refresher().poll();
        assertTrue(certs.calls.toString(), certs.calls.contains("renew berth-volumes.web"));
        String second = cert(dir);
        assertNotEquals(first, second);
        assertTrue(TestCa.files(certs.sets.get("berth-volumes.web")).consistent());
        assertEquals(VolumeFiles.fingerprint(TestCa.files(certs.sets.get("berth-volumes.web"))),
                VolumeFiles.current(dir).orElseThrow());
        assertEquals(List.of("app-id SIGHUP"), docker.signals);
        assertEquals(certs.sets.get("berth-volumes.web").certificate().getSerialNumber().toString(16),
                driver.find("web").orElseThrow().serial());

        driver.refresher().poll();
        assertEquals(second, cert(dir));
        assertEquals("nothing changed, no signal", 1, docker.signals.size());
    }

    @Test
    public void aRenewalByTheCertificateManagerReachesTheVolumeAtTheNextCheck() throws Exception {
        driver.create("web", Map.of("dns", "web.berth.internal", "ip", "198.18.0.9"));
        Path dir = driver.mount("web", "caller");
        docker.uses("web", "app", true, Map.of("berth.certs.reload", "hup"));
        driver.refresher().poll();
        String first = cert(dir);
        certs.issue("berth-volumes.web");
        driver.refresher().poll();
        assertNotEquals(first, cert(dir));
        assertEquals(List.of("app-id HUP"), docker.signals);
        assertFalse("the driver renewed nothing itself", certs.calls.toString().contains("renew"));
        assertEquals(List.of("web.berth.internal", "198.18.0.9"), driver.find("web").orElseThrow().subjectNames());
    }

    @Test
    public void aFailingCheckKeepsTheFilesAndIsRetried() throws Exception {
        driver.create("web", Map.of("dns", "web.berth.internal"));
        Path dir = driver.mount("web", "caller");
        String first = cert(dir);
        certs.down = true;
        driver.refresher().poll();
        assertEquals(first, cert(dir));
        assertTrue(driver.refresher().state("web").lastError.contains("unreachable"));
        certs.down = false;
        certs.issue("berth-volumes.web");
        driver.refresher().poll();
        assertNotEquals(first, cert(dir));
        assertEquals("", driver.refresher().state("web").lastError);
    }

    @Test
    public void removingAVolumeRevokesNothingAnotherVolumeStillUses() {
        driver.create("a", Map.of("dns", "a.berth.internal"));
        driver.create("b", Map.of("set", "berth-volumes.a"));
        assertFalse(driver.find("b").orElseThrow().ownsSet());
        driver.remove("a");
        assertFalse(certs.calls.toString(), certs.calls.contains("delete berth-volumes.a"));
        assertTrue("b inherits the set", driver.find("b").orElseThrow().ownsSet());
        driver.mount("b", "caller");
        driver.unmount("b", "caller");
        driver.remove("b");
        assertTrue(certs.calls.contains("delete berth-volumes.a"));
        assertTrue(certs.sets.isEmpty());
    }

    @Test
    public void anExistingSetTheDriverMayNotReadIsRefusedWithTheFix() {
        VolumeRequestException e = assertThrows(VolumeRequestException.class,
                () -> driver.create("db", Map.of("set", "berth-db-server")));
        assertTrue(e.getMessage(), e.getMessage().contains("cert:readers berth-db-server berth-volumes"));
        assertTrue(driver.find("db").isEmpty());
    }

    @Test
    public void aRepeatedCreateIsAcceptedAndAConflictingOneRefused() {
        driver.create("web", Map.of("dns", "web.berth.internal"));
        driver.create("web", Map.of("dns", "web.berth.internal"));
        assertEquals(1, certs.calls.size());
        VolumeRequestException e = assertThrows(VolumeRequestException.class,
                () -> driver.create("web", Map.of("dns", "other.berth.internal")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("volume web exists with other options"));
        driver.remove("never-created"); // Docker may hold a volume the driver does not know: it goes
        assertEquals(1, certs.calls.size());
    }

    @Test
    public void anOrphanedSetOfTheSameNameIsReplaced() {
        certs.requests.put("berth-volumes.web", SetRequest.of("berth-volumes.web",
                VolumeOptions.parse(Map.of("dns", "old.berth.internal"), settings)));
        certs.issue("berth-volumes.web");
        driver.create("web", Map.of("dns", "web.berth.internal"));
        assertEquals(List.of("create berth-volumes.web", "delete berth-volumes.web", "create berth-volumes.web"),
                certs.calls);
    }

    @Test
    public void afterARestartMountedVolumesAreKeptCurrentAndVanishedOnesForgotten() throws Exception {
        driver.create("kept", Map.of("dns", "kept.berth.internal"));
        driver.create("gone", Map.of("dns", "gone.berth.internal"));
        Path kept = driver.mount("kept", "c1");
        Path gone = driver.mount("gone", "c2");
        docker.uses("kept", "app", true, Map.of("berth.certs.reload", "SIGHUP"));
        String first = cert(kept);

        // Berth stops; meanwhile the set is renewed and one tmpfs disappears (as after a reboot)
        mounts.mounted.remove(gone);
        certs.issue("berth-volumes.kept");
        driver = newDriver();
        driver.refresher().reconcile();
        assertTrue(driver.find("gone").orElseThrow().mounts().isEmpty());
        assertEquals(List.of("c1"), driver.find("kept").orElseThrow().mounts());
        driver.refresher().poll();
        assertNotEquals(first, cert(kept));
        assertEquals(List.of("app-id SIGHUP"), docker.signals);
        assertTrue(driver.refresher().refresh("kept", true) == false);
    }
}
