package dev.berth.certs.vault;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class VaultTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static final byte[] SECRET = "-----BEGIN PRIVATE KEY----- very secret key material".getBytes(StandardCharsets.UTF_8);

    @Test
    public void roundTripsAndKeepsNoPlaintextOnDisk() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("vault");
        Vault vault = Vault.open(dir, MasterKey.generate());
        vault.write("ca/root.key", SECRET);
        vault.write("sets/web/key", SECRET);
        assertArrayEquals(SECRET, vault.read("ca/root.key").orElseThrow());
        assertEquals(List.of("ca/root.key", "sets/web/key"), vault.names(""));
        assertEquals(SECRET.length, vault.size("sets/web/key"));
        assertFalse(grep(dir, "PRIVATE KEY"));
        assertFalse(grep(dir, "secret key material"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/root.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca"))));
    }

    @Test
    public void refusesAWrongKeyWithoutChangingAnything() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("vault");
        MasterKey right = MasterKey.generate();
        Vault.open(dir, right).write("a/b", SECRET);
        Map<String, String> before = fingerprints(dir);
        MasterKey wrong = MasterKey.generate();
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> Vault.open(dir, wrong));
        assertTrue(e.getMessage(), e.getMessage().contains("is not the one") && e.getMessage().contains(right.id())
                && e.getMessage().contains("nothing was changed"));
        assertEquals(before, fingerprints(dir));
        assertArrayEquals(SECRET, Vault.open(dir, right).read("a/b").orElseThrow());
    }

    @Test
    public void detectsTamperingAndBlobsMovedToAnotherName() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("vault");
        Vault vault = Vault.open(dir, MasterKey.generate());
        vault.write("x", SECRET);
        vault.write("y", "other".getBytes(StandardCharsets.UTF_8));
        byte[] blob = Files.readAllBytes(dir.resolve("x"));
        Files.write(dir.resolve("y"), blob);
        assertThrows(IOException.class, () -> vault.read("y"));
        blob[blob.length - 20] ^= 1;
        Files.write(dir.resolve("x"), blob);
        IOException e = assertThrows(IOException.class, () -> vault.read("x"));
        assertTrue(e.getMessage(), e.getMessage().contains("tampered"));
    }

    @Test
    public void refusesNamesOutsideTheVault() throws Exception {
        Vault vault = Vault.open(temp.getRoot().toPath(), MasterKey.generate());
        assertThrows(IllegalArgumentException.class, () -> vault.write("../escape", SECRET));
        assertThrows(IllegalArgumentException.class, () -> vault.write("a/.verifier", SECRET));
        assertThrows(IllegalArgumentException.class, () -> vault.read("/etc/passwd"));
    }

    @Test
    public void rotationReSealsEverythingAndTheOldKeyIsNamedAsReplaced() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("vault");
        MasterKey old = MasterKey.generate();
        Vault vault = Vault.open(dir, old);
        fill(vault, 5);
        MasterKey next = MasterKey.generate();
        Path keyFile = temp.getRoot().toPath().resolve("master.key");
        vault.rotate(next, k -> Files.writeString(keyFile, k.toBase64()), RotationObserver.NONE);
        assertEquals(next.id(), vault.keyId());
        assertEquals(next.toBase64(), Files.readString(keyFile));
        assertAllReadable(Vault.open(dir, next), 5);
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> Vault.open(dir, old));
        assertTrue(e.getMessage(), e.getMessage().contains("was replaced by master key " + next.id()));
    }

    @Test
    public void aCrashAtAnyStepLeavesEveryFileReadableAndEitherKeyFinishes() throws Exception {
        int files = 4;
        // crash after the journal, after each re-sealed file, after the key commit, after the verifier
        for (int crashAt = 1; crashAt <= files + 3; crashAt++) {
            for (boolean restartWithNew : new boolean[] {false, true}) {
                Path dir = temp.newFolder().toPath();
                MasterKey old = MasterKey.generate();
                MasterKey next = MasterKey.generate();
                Vault vault = Vault.open(dir, old);
                fill(vault, files);
                int[] steps = {0};
                int limit = crashAt;
                assertThrows(SimulatedCrash.class, () -> vault.rotate(next, k -> { }, (step, name) -> {
                    if (++steps[0] == limit) {
                        throw new SimulatedCrash();
                    }
                }));
                assertEveryBlobOpensUnderOneOf(dir, old, next);
                MasterKey restart = restartWithNew ? next : old;
                Vault reopened = Vault.open(dir, restart);
                assertEquals(restart.id(), reopened.keyId());
                assertAllReadable(reopened, files);
                assertFalse(Files.exists(dir.resolve(".rotation")));
                assertAllReadable(Vault.open(dir, restart), files);
                MasterKey other = restartWithNew ? old : next;
                assertThrows("crash at " + crashAt, MasterKeyException.class, () -> Vault.open(dir, other));
            }
        }
    }

    @Test
    public void anInterruptedRotationRefusesAThirdKey() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("vault");
        MasterKey old = MasterKey.generate();
        Vault vault = Vault.open(dir, old);
        fill(vault, 2);
        assertThrows(SimulatedCrash.class, () -> vault.rotate(MasterKey.generate(), k -> { }, (s, n) -> {
            throw new SimulatedCrash();
        }));
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> Vault.open(dir, MasterKey.generate()));
        assertTrue(e.getMessage(), e.getMessage().contains("was interrupted"));
        assertAllReadable(Vault.open(dir, old), 2);
    }

    @Test
    public void aFailedKeyCommitRollsBackToTheCurrentKey() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("vault");
        MasterKey old = MasterKey.generate();
        Vault vault = Vault.open(dir, old);
        fill(vault, 3);
        assertThrows(IOException.class, () -> vault.rotate(MasterKey.generate(), k -> {
            throw new IOException("disk full");
        }, RotationObserver.NONE));
        assertEquals(old.id(), vault.keyId());
        assertAllReadable(vault, 3);
        assertAllReadable(Vault.open(dir, old), 3);
    }

    @Test
    public void keyFilesMustBePrivate() throws Exception {
        Path file = temp.newFile("master.key").toPath();
        MasterKey key = MasterKey.generate();
        Files.writeString(file, key.toBase64() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> MasterKey.load(file));
        assertTrue(e.getMessage(), e.getMessage().contains("0600"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(key.id(), MasterKey.load(file).id());
        assertThrows(IllegalArgumentException.class, () -> MasterKey.parse("c2hvcnQ="));
    }

    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private static void fill(Vault vault, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            vault.write("d" + (i % 2) + "/f" + i, ("content " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertAllReadable(Vault vault, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            assertEquals("content " + i, new String(vault.read("d" + (i % 2) + "/f" + i).orElseThrow(),
                    StandardCharsets.UTF_8));
        }
    }

    private static void assertEveryBlobOpensUnderOneOf(Path dir, MasterKey a, MasterKey b) throws IOException {
        Sealer sa = new Sealer(a);
        Sealer sb = new Sealer(b);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList()) {
                String name = dir.relativize(p).toString();
                byte[] blob = Files.readAllBytes(p);
                boolean opens;
                try {
                    (sa.sealedByMe(blob) ? sa : sb).open(name, blob);
                    opens = true;
                } catch (javax.crypto.AEADBadTagException e) {
                    opens = false;
                }
                assertTrue(name + " opens under neither key", opens);
            }
        }
    }

    static boolean grep(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
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

    private static Map<String, String> fingerprints(Path dir) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                sums.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return sums;
    }
}
