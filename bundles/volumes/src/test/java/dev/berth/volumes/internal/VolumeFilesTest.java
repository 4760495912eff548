package dev.berth.volumes.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.api.CertificateMaterial;

public class VolumeFilesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final VolumeSettings settings = TestSettings.settings(Path.of("/run/test"));

    @Test
    public void fiveFilesWithTheirOwnerAndModesThroughStableLinks() throws Exception {
        TestCa ca = new TestCa();
        CertificateMaterial m = ca.server(Instant.now().plusSeconds(3600), "web.berth.internal");
        Path root = temp.newFolder().toPath();
        VolumeOptions o = VolumeOptions.parse(Map.of("dns", "web.berth.internal", "uid", "4321", "gid", "4322"),
                settings);
        VolumeFiles.replace(root, TestCa.files(m), o);
        assertEquals(m.certificatePem(), Files.readString(root.resolve("cert.pem")));
        assertEquals(m.privateKeyPem(), Files.readString(root.resolve("key.pem")));
        assertEquals(m.chainPem(), Files.readString(root.resolve("chain.pem")));
        assertEquals(m.chainPem() + m.rootPem(), Files.readString(root.resolve("fullchain.pem")));
        assertEquals(m.rootPem(), Files.readString(root.resolve("ca.pem")));
        for (String name : SetFiles.NAMES) {
            Path link = root.resolve(name);
            assertTrue(name, Files.isSymbolicLink(link));
            assertEquals(Path.of("..data", name), Files.readSymbolicLink(link));
            assertEquals(4321, Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            assertEquals(4321, Files.getAttribute(link, "unix:uid"));
            assertEquals(4322, Files.getAttribute(link, "unix:gid"));
            assertEquals(name, name.equals("key.pem") ? "rw-------" : "rw-r--r--",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(link)));
        }
        assertEquals(VolumeFiles.fingerprint(TestCa.files(m)), VolumeFiles.current(root).orElseThrow());
    }

    @Test
    public void aReplacementIsAtomicForEveryReaderAndLeavesOneGeneration() throws Exception {
        TestCa ca = new TestCa();
        List<SetFiles> generations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            generations.add(TestCa.files(ca.server(Instant.now().plusSeconds(3600), "web.berth.internal")));
        }
        Path root = temp.newFolder().toPath();
        VolumeOptions o = VolumeOptions.parse(Map.of("dns", "web.berth.internal"), settings);
        VolumeFiles.replace(root, generations.get(0), o);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    // a reader that resolves ..data once reads a matching pair, whatever happens meanwhile
                    Path data = root.resolve(Files.readSymbolicLink(root.resolve("..data")));
                    SetFiles seen = new SetFiles(read(data, "cert.pem"), read(data, "key.pem"), read(data, "chain.pem"),
                            read(data, "ca.pem"));
                    if (!seen.consistent()) {
                        problems.add("mismatched files in " + data);
                    }
                    // and every file opened by its stable name is one complete file of some generation
                    String cert = Files.readString(root.resolve("cert.pem"));
                    if (generations.stream().noneMatch(g -> g.certPem().equals(cert))) {
                        problems.add("cert.pem is not a complete certificate: " + cert.length() + " chars");
                    }
                    reads.incrementAndGet();
                } catch (java.nio.file.NoSuchFileException e) {
                    // ..data moved on between resolving it and opening the file: the reader starts over
                } catch (Exception e) {
                    problems.add(e.toString());
                }
            }
        });
        reader.start();
        for (int round = 0; round < 60; round++) {
            VolumeFiles.replace(root, generations.get(round % generations.size()), o);
        }
        stop.set(true);
        reader.join();
        assertEquals(List.of(), problems);
        assertTrue("the reader read while files were replaced", reads.get() > 0);
        try (var entries = Files.list(root)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(names.toString(), 7, names.size()); // ..data, one generation, five links
            assertTrue(names.toString(), names.stream().filter(n -> n.startsWith("..v-")).count() == 1);
        }
        assertFalse(Files.exists(root.resolve("..data.tmp"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    public void anEmptyVolumeHasNoCurrentFiles() throws Exception {
        assertTrue(VolumeFiles.current(temp.newFolder().toPath()).isEmpty());
        assertEquals("rwx--x--x", PosixFilePermissions.toString(VolumeFiles.permissions(0711)));
    }

    @Test
    public void filesThatDoNotBelongTogetherAreRecognized() throws Exception {
        TestCa ca = new TestCa();
        SetFiles a = TestCa.files(ca.server(Instant.now().plusSeconds(3600), "a.berth.internal"));
        SetFiles b = TestCa.files(ca.server(Instant.now().plusSeconds(3600), "b.berth.internal"));
        assertTrue(a.consistent());
        assertFalse(new SetFiles(a.certPem(), b.keyPem(), a.chainPem(), a.caPem()).consistent());
        assertFalse(new SetFiles(a.certPem(), a.keyPem(), b.chainPem(), a.caPem()).consistent());
        assertFalse(new SetFiles(a.certPem(), a.keyPem(), a.chainPem(), new TestCa().rootPem()).consistent());
        assertEquals(List.of("a.berth.internal"), a.subjectNames());
    }

    private static String read(Path dir, String name) throws java.io.IOException {
        return new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.US_ASCII);
    }
}
