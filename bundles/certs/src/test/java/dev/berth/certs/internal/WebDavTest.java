package dev.berth.certs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.Tools;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.RevocationReason;
import dev.berth.certs.api.TlsContexts;

/** The WebDAV certificate tree over mutual TLS, driven by curl, openssl, litmus, davfs2 and Java's client. */
public class WebDavTest {

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static CertificateManager manager;
    private static Path dir;
    private static String base;
    private static int publicPort;

    @BeforeClass
    public static void start() throws Exception {
        manager = new CertificateManager(TestCertificateManagers.settings(temp.newFolder().toPath(),
                TestCertificateManagers.newKey(), Path.of("/nonexistent"), false, 0));
        base = "https://127.0.0.1:" + manager.httpsPort(true);
        publicPort = manager.httpsPort(false);
        manager.create(new CertificateSetSpec("web", "", List.of("web.berth.internal"),
                List.of(InetAddress.getByName("10.0.0.8")), null, CertificateProfile.SERVER, null, Set.of("vol-1")));
        manager.create(CertificateSetSpec.server("other", List.of("other.berth.internal"), List.of()));
        manager.create(CertificateSetSpec.client("vol-1-client", "vol-1"));
        manager.create(CertificateSetSpec.client("intruder", "intruder"));
        manager.create(CertificateSetSpec.client("revoked", "vol-1"));
        manager.create(CertificateSetSpec.client("admin", "berth-admin"));
        dir = temp.newFolder().toPath();
        Files.writeString(dir.resolve("ca.pem"), manager.info().root().getEncoded().length > 0
                ? manager.material("web").rootPem() : "");
        for (String set : List.of("vol-1-client", "intruder", "revoked", "admin")) {
            CertificateMaterial m = manager.material(set);
            Files.writeString(dir.resolve(set + ".pem"), m.chainPem());
            Files.writeString(dir.resolve(set + ".key"), m.privateKeyPem());
        }
        manager.revoke("revoked", RevocationReason.KEY_COMPROMISE);
    }

    @AfterClass
    public static void stop() {
        manager.close();
    }

    private static Tools.Run curl(String client, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--cacert", "ca.pem", "-o",
                "/dev/stdout", "-w", "\n%{http_code}"));
        if (client != null) {
            command.addAll(List.of("--cert", client + ".pem", "--key", client + ".key"));
        }
        command.addAll(List.of(args));
        return Tools.run(dir, command.toArray(new String[0]));
    }

    private static String status(Tools.Run run) {
        String[] lines = run.output().trim().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    public void withoutAClientCertificateTheHandshakeFails() throws Exception {
        Tools.Run run = curl(null, base + "/certs/");
        assertNotEquals(run.output(), 0, run.exit());
        assertEquals(run.output(), "000", status(run));
    }

    @Test
    public void aReaderGetsItsSetAndTheKeyMatchesTheCertificate() throws Exception {
        CertificateMaterial web = manager.material("web");
        Tools.Run cert = curl("vol-1-client", base + "/certs/web/cert.pem");
        assertEquals(cert.output(), 0, cert.exit());
        assertEquals(web.certificatePem() + "\n200", cert.output());
        assertEquals(web.privateKeyPem() + "\n200", curl("vol-1-client", base + "/certs/web/key.pem").output());
        assertEquals(web.chainPem() + "\n200", curl("vol-1-client", base + "/certs/web/chain.pem").output());
        assertEquals(web.rootPem() + "\n200", curl("vol-1-client", base + "/certs/web/ca.pem").output());
        Files.writeString(dir.resolve("web-cert.pem"), web.certificatePem());
        Files.writeString(dir.resolve("web-key.pem"), web.privateKeyPem());
        Tools.Run match = Tools.run(dir, "sh", "-c", "openssl x509 -in web-cert.pem -noout -pubkey | sha256sum; "
                + "openssl pkey -in web-key.pem -pubout | sha256sum");
        String[] sums = match.output().trim().split("\n");
        assertEquals(match.output(), sums[0], sums[1]);
    }

    @Test
    public void aClientMayNotReadOtherSetsNorTheFiles() throws Exception {
        assertEquals("403", status(curl("vol-1-client", base + "/certs/other/cert.pem")));
        assertEquals("403", status(curl("vol-1-client", base + "/certs/other/")));
        assertEquals("403", status(curl("vol-1-client", base + "/certs/no-such-set/key.pem")));
        assertEquals("403", status(curl("intruder", base + "/certs/web/key.pem")));
        assertEquals("403", status(curl("vol-1-client", base + "/files/")));
        assertEquals("403", status(curl("vol-1-client", "-X", "PUT", "--data", "x", base + "/certs/web/cert.pem")));
        Tools.Run listing = curl("vol-1-client", "-X", "PROPFIND", "-H", "Depth: 1", base + "/certs/");
        assertEquals(listing.output(), "207", status(listing));
        assertTrue(listing.output(), listing.output().contains("/certs/web/"));
        assertFalse(listing.output(), listing.output().contains("/certs/other/"));
        Tools.Run admin = curl("admin", "-X", "PROPFIND", "-H", "Depth: 1", base + "/certs/");
        assertTrue(admin.output(), admin.output().contains("/certs/other/"));
        // allprop (no body) lists the live properties of RFC 4918
        Tools.Run allprop = curl("vol-1-client", "-X", "PROPFIND", "-H", "Depth: 1", base + "/certs/web/");
        for (String property : List.of("getcontentlength>", "getetag>", "getlastmodified>", "displayname>cert.pem<",
            "getcontenttype>application/x-pem-file<")) {
            assertTrue(allprop.output(), allprop.output().contains(property));
        }
    }

    @Test
    public void aRevokedClientCertificateIsRefused() throws Exception {
        Tools.Run run = curl("revoked", base + "/certs/web/cert.pem");
        assertNotEquals(run.output(), 0, run.exit());
        assertEquals("000", status(run));
    }

    @Test
    public void opensslVerifiesBothListenersAgainstTheRoot() throws Exception {
        for (int port : new int[] {manager.httpsPort(true), publicPort}) {
            Tools.Run run = Tools.run(dir, "openssl", "s_client", "-connect", "127.0.0.1:" + port, "-CAfile",
                    "ca.pem", "-verify_return_error", "-verify_ip", "127.0.0.1", "-cert", "admin.pem", "-key",
                    "admin.key", "-brief");
            assertEquals(run.output(), 0, run.exit());
            assertTrue(run.output(), run.output().contains("Verification: OK"));
        }
    }

    @Test
    public void javaClientsUseTheTreeWithTlsContextsFromTheApi() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.mutual(manager.material("admin"))).build();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/files/note.txt"))
                .PUT(HttpRequest.BodyPublishers.ofString("kept encrypted")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/files/note.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("kept encrypted", get.body());
        HttpResponse<String> options = http.send(HttpRequest.newBuilder(URI.create(base + "/files/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("1", options.headers().firstValue("DAV").orElse(""));
    }

    @Test
    public void theAdminCollectionPassesLitmus() throws Exception {
        assumeTrue("litmus is not installed (apt-get install litmus)", Tools.installed("litmus"));
        Tools.Run p12 = Tools.run(dir, "openssl", "pkcs12", "-export", "-in", "admin.pem", "-inkey", "admin.key",
                "-out", "admin.p12", "-passout", "pass:litmus");
        assertEquals(p12.output(), 0, p12.exit());
        Tools.Run litmus = Tools.run(dir, List.of("TESTS=basic copymove props", "SSL_CERT_FILE=" + dir.resolve("ca.pem")),
                // litmus decrypts the PKCS#12 file with the password argument; the server never asks for one
                "litmus", "-c", dir.resolve("admin.p12").toString(), base + "/files/", "unused", "litmus");
        assertEquals(litmus.output(), 0, litmus.exit());
        assertFalse(litmus.output(), litmus.output().contains("fragment; unsafe"));
        for (String suite : List.of("basic", "copymove", "props")) {
            assertTrue(litmus.output(), litmus.output().matches("(?s).*summary for `" + suite
                    + "': of \\d+ tests run: \\d+ passed, 0 failed\\. 100\\.0%.*"));
        }
    }

    @Test
    public void davfs2MountsTheTreeReadOnlyWithAClientCertificate() throws Exception {
        assumeTrue("davfs2 is not installed (apt-get install davfs2)", Tools.installed("mount.davfs"));
        assumeTrue("mounting needs root and /dev/fuse", Files.exists(Path.of("/dev/fuse"))
                && "root".equals(System.getProperty("user.name")));
        Tools.Run p12 = Tools.run(dir, "sh", "-c", "umask 077 && exec \"$0\" \"$@\"", "openssl", "pkcs12", "-export", "-in", "vol-1-client.pem", "-inkey",
                "vol-1-client.key", "-out", "vol-1.p12", "-passout", "pass:", "-keypbe", "NONE", "-certpbe", "NONE",
                "-nomac");
        assertEquals(p12.output(), 0, p12.exit());
        Path mount = Files.createDirectories(dir.resolve("mnt"));
        // mount.davfs reads the certificates and writes its cache as its own unprivileged user
        var davfs = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("davfs2");
        for (Path p = dir; p.startsWith(temp.getRoot().toPath()); p = p.getParent()) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        }
        Files.setPosixFilePermissions(dir.resolve("ca.pem"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Files.getFileAttributeView(cache, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(davfs);
        Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwx---"));
        Files.writeString(dir.resolve("davfs2.conf"), String.join("\n",
                "trust_ca_cert " + dir.resolve("ca.pem"),
                "clientcert " + dir.resolve("vol-1.p12"),
                "ask_auth 0",
                // newer kernels read directories in 32 KiB requests; davfs2 refuses requests beyond its buffer
                "use_locks 0", "buf_size 64",
                "cache_dir " + dir.resolve("cache"), ""));
        Tools.Run mounted = Tools.run(dir, "mount", "-t", "davfs", "-o", "ro,conf=" + dir.resolve("davfs2.conf"),
                base + "/certs/", mount.toString());
        assertEquals(mounted.output(), 0, mounted.exit());
        try {
            assertEquals(manager.material("web").certificatePem(), Files.readString(mount.resolve("web/cert.pem")));
            assertEquals(manager.material("web").privateKeyPem(), Files.readString(mount.resolve("web/key.pem")));
            Tools.Run ls = Tools.run(dir, "ls", "-1", mount.toString(), mount.resolve("web").toString());
            assertEquals(ls.output(), 0, ls.exit());
            assertTrue(ls.output(), ls.output().contains("ca.pem\ncert.pem\nchain.pem\nkey.pem"));
            assertFalse(ls.output(), ls.output().contains("other"));
            assertFalse(canWrite(mount.resolve("web/x")));
        } finally {
            Tools.Run unmounted = Tools.run(dir, "umount", mount.toString());
            assertEquals(unmounted.output(), 0, unmounted.exit());
        }
    }

    private static boolean canWrite(Path file) {
        try {
            Files.writeString(file, "x");
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
