package dev.berth.certs.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.Tools;
import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetListener.Change;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateStatus;
import dev.berth.certs.api.Pem;
import dev.berth.certs.api.RevocationReason;
import dev.berth.certs.vault.MasterKeyException;
import dev.berth.testing.Deadline;

public class CertificateManagerTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path data;
    private String key;
    private CertificateManager manager;

    @Before
    public void start() throws Exception {
        data = temp.newFolder("data").toPath();
        key = TestCertificateManagers.newKey();
        manager = TestCertificateManagers.start(data, key);
    }

    @After
    public void stop() {
        manager.close();
    }

    private static CertificateSetSpec web() throws Exception {
        return new CertificateSetSpec("web", "", List.of("web.berth.internal", "Web2.berth.internal."),
                List.of(InetAddress.getByName("10.0.0.7")), null, CertificateProfile.SERVER, null, Set.of("vol-1"));
    }

    @Test
    public void issuedChainsVerifyWithOpensslAndCarryTheNamesAsked() throws Exception {
        CertificateSet set = manager.create(web());
        CertificateMaterial m = manager.material("web");
        Path dir = temp.newFolder().toPath();
        Files.writeString(dir.resolve("ca.pem"), m.rootPem());
        Files.writeString(dir.resolve("chain.pem"), m.chainPem());
        Files.writeString(dir.resolve("cert.pem"), m.certificatePem());
        Files.writeString(dir.resolve("issuing.pem"), Pem.certificates(m.intermediates()));
        Tools.Run verify = Tools.run(dir, "openssl", "verify", "-CAfile", "ca.pem", "-untrusted", "issuing.pem",
                "-purpose", "sslserver", "-verify_hostname", "web2.berth.internal", "cert.pem");
        assertEquals(verify.output(), 0, verify.exit());
        assertTrue(verify.output(), verify.output().contains("cert.pem: OK"));
        Tools.Run wrongName = Tools.run(dir, "openssl", "verify", "-CAfile", "ca.pem", "-untrusted", "issuing.pem",
                "-verify_hostname", "other.berth.internal", "cert.pem");
        assertNotEquals(wrongName.output(), 0, wrongName.exit());
        Tools.Run text = Tools.run(dir, "openssl", "x509", "-in", "cert.pem", "-noout", "-text");
        assertTrue(text.output(), text.output().contains("DNS:web.berth.internal, DNS:web2.berth.internal, "
                + "IP Address:10.0.0.7"));
        assertTrue(text.output(), text.output().contains("TLS Web Server Authentication"));
        assertTrue(text.output(), text.output().contains("ASN1 OID: prime256v1"));
        long days = Duration.between(set.notBefore(), set.notAfter()).toDays();
        assertEquals(30, days);
        assertEquals(set.notBefore().plus(Duration.between(set.notBefore(), set.notAfter()).multipliedBy(2).dividedBy(3))
                .getEpochSecond(), set.renewAfter().getEpochSecond(), 1);
    }

    @Test
    public void revocationEntersTheCrlAndOpensslRefusesTheCertificate() throws Exception {
        manager.create(web());
        CertificateMaterial m = manager.material("web");
        long before = manager.info().crlNumber();
        manager.revoke("web", RevocationReason.KEY_COMPROMISE);
        X509CRL crl = (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(manager.crl()));
        crl.verify(m.intermediates().get(0).getPublicKey());
        assertTrue(crl.isRevoked(m.certificate()));
        assertTrue(manager.info().crlNumber() > before);
        assertEquals(CertificateStatus.REVOKED, manager.find("web").orElseThrow().status());
        Path dir = temp.newFolder().toPath();
        Files.writeString(dir.resolve("ca.pem"), m.rootPem() + Pem.certificates(m.intermediates()));
        Files.writeString(dir.resolve("cert.pem"), m.certificatePem());
        Files.writeString(dir.resolve("crl.pem"), Pem.block("X509 CRL", manager.crl()));
        Tools.Run verify = Tools.run(dir, "openssl", "verify", "-crl_check", "-CAfile", "ca.pem", "-CRLfile",
                "crl.pem", "cert.pem");
        assertNotEquals(verify.output(), 0, verify.exit());
        assertTrue(verify.output(), verify.output().contains("certificate revoked"));
    }

    @Test
    public void theCaAndItsSetsSurviveARestartAndAWrongKeyChangesNothing() throws Exception {
        manager.create(web());
        String root = manager.info().root().getSerialNumber().toString(16);
        byte[] keyBytes = manager.material("web").privateKey().getEncoded();
        manager.close();
        CertsSettings wrong = TestCertificateManagers.settings(data, TestCertificateManagers.newKey());
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> new CertificateManager(wrong));
        assertTrue(e.getMessage(), e.getMessage().contains("nothing was changed"));
        manager = TestCertificateManagers.start(data, key);
        assertEquals(root, manager.info().root().getSerialNumber().toString(16));
        assertArrayEquals(keyBytes, manager.material("web").privateKey().getEncoded());
    }

    @Test
    public void refusesToStartWithoutAMasterKeyAndSaysHowToMakeOne() throws Exception {
        CertsSettings none = TestCertificateManagers.settings(temp.newFolder().toPath(), "");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CertificateManager(none));
        assertTrue(e.getMessage(), e.getMessage().contains("BERTH_MASTER_KEY")
                && e.getMessage().contains("head -c 32 /dev/urandom | base64"));
    }

    @Test
    public void noPrivateKeyIsOnDiskInClear() throws Exception {
        manager.create(web());
        manager.putSecret("store/superuser.password", "hunter2-very-secret".getBytes());
        List<byte[]> needles = new ArrayList<>();
        needles.add("PRIVATE KEY".getBytes());
        needles.add("hunter2-very-secret".getBytes());
        for (String set : List.of("web", CertsSettings.SERVER_SET)) {
            byte[] pkcs8 = manager.material(set).privateKey().getEncoded();
            needles.add(pkcs8);
            needles.add(java.util.Base64.getEncoder().encode(pkcs8));
            byte[] scalar = ((java.security.interfaces.ECPrivateKey) manager.material(set).privateKey()).getS()
                    .toByteArray();
            needles.add(java.util.Arrays.copyOfRange(scalar, scalar.length - 31, scalar.length));
        }
        for (byte[] needle : needles) {
            assertFalse(new String(needle), contains(data, needle));
        }
        Tools.Run grep = Tools.run(data, "grep", "-r", "-a", "-l", "PRIVATE KEY", ".");
        assertEquals(grep.output(), 1, grep.exit());
    }

    @Test
    public void ensureIsIdempotentAndReissuesWhenTheNamesChange() throws Exception {
        CertificateSet first = manager.ensure(CertificateSetSpec.server("db", List.of("localhost"), List.of()));
        assertEquals(first.serial(), manager.ensure(CertificateSetSpec.server("db", List.of("localhost"), List.of()))
                .serial());
        CertificateSet changed = manager.ensure(CertificateSetSpec.server("db", List.of("localhost", "db.berth.internal"),
                List.of()));
        assertNotEquals(first.serial(), changed.serial());
        assertEquals(CertificateStatus.REVOKED, manager.certificates().stream()
                .filter(r -> r.serial().equals(first.serial())).findFirst().orElseThrow().status());
    }

    @Test
    public void setsAreRenewedAtTwoThirdsOfTheirLifetimeAndListenersAreTold() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        manager.addListener(TestCertificateManagers.objects((set, change) -> events.add(set.name() + " " + change)));
        CertificateSet shortLived = manager.create(new CertificateSetSpec("short", "", List.of("s.berth.internal"),
                List.of(), Duration.ofDays(3), CertificateProfile.SERVER, null, Set.of()));
        CertificateSet longLived = manager.create(new CertificateSetSpec("long", "", List.of("l.berth.internal"),
                List.of(), Duration.ofDays(30), CertificateProfile.SERVER, null, Set.of()));
        manager.maintain(shortLived.notBefore().plus(Duration.ofHours(47)));
        assertEquals(shortLived.serial(), manager.find("short").orElseThrow().serial());
        manager.maintain(shortLived.notBefore().plus(Duration.ofHours(49)));
        CertificateSet renewed = manager.find("short").orElseThrow();
        assertNotEquals(shortLived.serial(), renewed.serial());
        assertEquals(longLived.serial(), manager.find("long").orElseThrow().serial());
        // the previous certificate stays valid until it expires: endpoints switch when told
        assertEquals(CertificateStatus.ACTIVE, manager.certificates().stream()
                .filter(r -> r.serial().equals(shortLived.serial())).findFirst().orElseThrow().status());
        Deadline.until("the RENEWED event of set short", Duration.ofSeconds(10),
                () -> events.contains("short RENEWED"));
        assertTrue(events.toString(), events.containsAll(List.of("short CREATED", "long CREATED", "short RENEWED")));
        assertFalse(events.toString(), events.contains("long RENEWED"));
        assertFalse(events.contains("short " + Change.DELETED));
    }

    @Test
    public void operatorRequestsAreChecked() {
        CertificateManagerException noNames = assertThrows(CertificateManagerException.class,
                () -> manager.create(CertificateSetSpec.server("bare", List.of(), List.of())));
        assertEquals(Reason.INVALID, noNames.reason());
        CertificateManagerException tooLong = assertThrows(CertificateManagerException.class,
                () -> manager.create(new CertificateSetSpec("long", "", List.of("x.berth.internal"), List.of(),
                        Duration.ofDays(1000), CertificateProfile.SERVER, null, Set.of())));
        assertEquals(Reason.POLICY, tooLong.reason());
        CertificateManagerException badName = assertThrows(CertificateManagerException.class,
                () -> manager.create(CertificateSetSpec.server("x", List.of("bad_name!.example"), List.of())));
        assertEquals(Reason.INVALID, badName.reason());
        assertThrows(CertificateManagerException.class, () -> new CertificateSetSpec("../etc", "", List.of(),
                List.of(), null, CertificateProfile.CLIENT, null, Set.of()));
        manager.create(CertificateSetSpec.client("c", "c"));
        assertEquals(Reason.CONFLICT, assertThrows(CertificateManagerException.class,
                () -> manager.create(CertificateSetSpec.client("c", "c"))).reason());
        assertEquals(Reason.NOT_FOUND, assertThrows(CertificateManagerException.class,
                () -> manager.renew("nope")).reason());
    }

    @Test
    public void secretsRoundTripAndAreListedByPrefix() {
        manager.putSecret("store/superuser.password", new byte[] {1, 2, 3});
        manager.putSecret("dns/tsig.key", new byte[] {4});
        assertArrayEquals(new byte[] {1, 2, 3}, manager.getSecret("store/superuser.password").orElseThrow());
        assertEquals(List.of("store/superuser.password"), manager.secretNames("store/"));
        assertTrue(manager.deleteSecret("dns/tsig.key"));
        assertTrue(manager.getSecret("dns/tsig.key").isEmpty());
    }

    @Test
    public void rotatingTheMasterKeyRewritesTheKeyFileAndKeepsEverythingReadable() throws Exception {
        manager.close();
        Path keyFile = temp.getRoot().toPath().resolve("etc/master.key");
        Path fresh = temp.newFolder().toPath();
        CertsSettings withFile = TestCertificateManagers.settings(fresh, "", keyFile, true, -1);
        manager = new CertificateManager(withFile);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keyFile)));
        manager.create(web());
        byte[] keyBytes = manager.material("web").privateKey().getEncoded();
        String oldKey = Files.readString(keyFile).trim();
        String newKey = TestCertificateManagers.newKey();
        MasterKeyRotation.Result result = manager.rotate(newKey);
        assertEquals(keyFile.toString(), result.keyFile());
        assertEquals(newKey, Files.readString(keyFile).trim());
        manager.close();
        manager = new CertificateManager(withFile);
        assertArrayEquals(keyBytes, manager.material("web").privateKey().getEncoded());
        manager.close();
        MasterKeyException old = assertThrows(MasterKeyException.class, () -> new CertificateManager(
                TestCertificateManagers.settings(fresh, oldKey, keyFile, false, -1)));
        assertTrue(old.getMessage(), old.getMessage().contains("was replaced"));
        manager = new CertificateManager(withFile);
    }

    static boolean contains(Path dir, byte[] needle) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] hay = Files.readAllBytes(p);
                for (int i = 0; i + needle.length <= hay.length; i++) {
                    if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    public void recordsCarryExpiryAndSetNames() throws Exception {
        manager.create(web());
        var record = manager.certificates().stream().filter(r -> r.setName().equals("web")).findFirst().orElseThrow();
        assertEquals(List.of("web.berth.internal", "web2.berth.internal"), record.dnsNames());
        assertEquals(List.of("10.0.0.7"), record.ipAddresses());
        assertTrue(record.notAfter().isAfter(Instant.now().plus(Duration.ofDays(29))));
    }

    @Test
    public void aPortThatCannotBeBoundLeavesTheCaWorking() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CertificateManager busy = new CertificateManager(TestCertificateManagers.settings(
                    temp.newFolder().toPath(), TestCertificateManagers.newKey(), Path.of("/nonexistent"), false,
                    taken.getLocalPort()));
            try {
                assertEquals(-1, busy.httpsPort(true));
                assertEquals("web", busy.create(web()).name());
            } finally {
                busy.close();
            }
        }
    }
}
