package dev.berth.itests.e2e;

import static dev.berth.itests.support.Docker.IMAGE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.Docker;
import dev.berth.itests.support.DockerDaemon;
import dev.berth.itests.support.VolumeFiles;

/**
 * Certificate volumes with the real Docker engine: a container gets a certificate of Berth's CA that openssl
 * verifies for its names, with the matching key, on a tmpfs; a short-lived certificate is renewed and replaced in
 * the running container, which gets its reload signal, also across a restart of Berth; the key is never on
 * persistent disk; refused options leave nothing issued or mounted.
 */
public class VolumesDockerIT {

    private static final List<String> CONTAINERS = List.of("vt-web", "vt-hup", "vt-key", "vt-a", "vt-b");
    private static final List<String> VOLUMES = List.of("vt-web", "vt-short", "vt-key", "vt-count", "vt-evil",
            "vt-colour", "vt-bare");

    private static DockerDaemon dockerd;
    private static Docker docker;
    private static BerthInstance berth;
    private static Path work;
    private static Path caFile;
    private static VolumeFiles files;

    @BeforeClass
    public static void start() throws Exception {
        dockerd = DockerDaemon.start("vol");
        docker = dockerd.cli();
        cleanUp();
        berth = BerthInstance.create("volumes-docker");
        berth.env("BERTH_DOCKER_SOCKET", dockerd.socket().toString()).env("BERTH_VOLUMES_POLL_SECONDS", "1").start();
        work = Files.createTempDirectory("berth-volumes-it");
        files = new VolumeFiles(docker, work);
        caFile = berth.caCertificateFile();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (docker != null) {
            cleanUp();
        }
        if (dockerd != null) {
            dockerd.close();
        }
        if (berth != null) {
            VolumeFiles.unmountLeftovers(berth); // before the runtime directory is deleted
            berth.stop();
        }
    }

    private static void cleanUp() {
        for (String c : CONTAINERS) {
            docker.docker("rm", "-f", c);
        }
        for (String v : VOLUMES) {
            docker.docker("volume", "rm", v);
        }
    }

    private static void runWith(String name, String volume, String... labelsThenCommand) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "none", "-v",
                volume + ":/certs"));
        int i = 0;
        while (i < labelsThenCommand.length && labelsThenCommand[i].equals("-l")) {
            args.add("-l");
            args.add(labelsThenCommand[i + 1]);
            i += 2;
        }
        args.add(IMAGE);
        if (i == labelsThenCommand.length) {
            args.addAll(List.of("sleep", "600"));
        } else {
            args.addAll(List.of(labelsThenCommand).subList(i, labelsThenCommand.length));
        }
        docker.docker(args.toArray(new String[0])).ok();
    }

    private static String mountpoint(String volume) {
        return docker.docker("volume", "inspect", "-f", "{{.Mountpoint}}", volume).ok();
    }

    private static boolean tmpfsAt(String path) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .anyMatch(l -> l.split(" ")[1].equals(path) && l.split(" ")[2].equals("tmpfs"));
    }

    @Test
    public void aContainerGetsACertificateOfBerthsCaForItsNamesWithTheMatchingKeyOnATmpfs() throws Exception {
        docker.docker("volume", "create", "-d", "berth", "-o", "dns=web.berth.internal", "-o", "ip=198.18.40.7",
                "-o", "uid=33", "-o", "gid=33", "vt-web").ok();
        runWith("vt-web", "vt-web");
        String printed = docker.docker("exec", "vt-web", "cat", "/certs/cert.pem").ok();
        assertTrue(printed, printed.startsWith("-----BEGIN CERTIFICATE-----"));

        Commands.Result ok = files.verify("vt-web", caFile, "web.berth.internal", "198.18.40.7");
        assertEquals(ok.out() + ok.err(), 0, ok.exit());
        assertTrue(ok.out(), ok.out().trim().endsWith(": OK"));
        assertNotEquals("another name does not verify", 0,
                files.verify("vt-web", caFile, "other.berth.internal", null).exit());
        List<String> keys = files.publicKeys("vt-web");
        assertEquals("key.pem is the key of cert.pem", keys.get(0), keys.get(1));
        String fullchain = files.read("vt-web", "/certs/fullchain.pem");
        assertEquals(files.read("vt-web", "/certs/chain.pem") + Files.readString(caFile), fullchain);

        String modes = docker.docker("exec", "vt-web", "stat", "-L", "-c", "%n %a %u:%g", "/certs/cert.pem",
                "/certs/key.pem", "/certs/chain.pem", "/certs/fullchain.pem", "/certs/ca.pem", "/certs").ok();
        assertEquals("/certs/cert.pem 644 33:33\n/certs/key.pem 600 33:33\n/certs/chain.pem 644 33:33\n"
                + "/certs/fullchain.pem 644 33:33\n/certs/ca.pem 644 33:33\n/certs 700 33:33", modes);
        String point = mountpoint("vt-web");
        assertEquals(berth.runtime().resolve("volumes/vt-web").toString(), point);
        assertTrue("the volume is a tmpfs", tmpfsAt(point));
        String inspect = docker.docker("volume", "inspect", "vt-web").ok();
        assertTrue(inspect, inspect.contains("berth-volumes.vt-web") && inspect.contains("web.berth.internal"));
    }

    @Test
    public void aRenewedCertificateReplacesTheFilesInTheRunningContainerWhichIsSignalledAlsoAfterARestart()
            throws Exception {
        docker.docker("volume", "create", "-d", "berth", "-o", "dns=short.berth.internal", "-o", "ttl=30s",
                "vt-short").ok();
        runWith("vt-hup", "vt-short", "-l", "berth.certs.reload=SIGHUP", "sh", "-c",
                "mkdir -p /tmp; trap 'md5sum /certs/cert.pem >> /tmp/reloads' HUP; while true; do sleep 1 & wait $!; done");
        // (the test image is busybox alone: no /tmp until the container makes one)
        BigInteger first = files.serial("vt-hup");
        assertNotEquals("vt-short is in use", 0, docker.docker("volume", "rm", "vt-short").exit());

        BigInteger second = Deadline.await("the renewed certificate in the running container", Duration.ofSeconds(60),
                () -> files.serial("vt-hup"), s -> !s.equals(first));
        String reloads = Deadline.await("the reload signal", Duration.ofSeconds(20),
                () -> docker.docker("exec", "vt-hup", "cat", "/tmp/reloads").out(), out -> !out.isBlank());
        String current = docker.docker("exec", "vt-hup", "md5sum", "/certs/cert.pem").ok();
        assertTrue("the signal came after the new files: " + reloads + " vs " + current,
                reloads.lines().anyMatch(current::equals) || !files.serial("vt-hup").equals(second));
        assertEquals(0, files.verify("vt-hup", caFile, "short.berth.internal", null).exit());
        List<String> keys = files.publicKeys("vt-hup");
        assertEquals(keys.get(0), keys.get(1));
        String listed = berth.script("berth-shell", "vol:list").ok();
        assertTrue(listed, listed.contains("vt-short") && listed.contains("vt-hup"));

        berth.kill();
        BigInteger beforeRestart = files.serial("vt-hup");
        assertEquals("the files stay while Berth is down", beforeRestart, files.serial("vt-hup"));
        berth.start();
        BigInteger afterRestart = Deadline.await("a renewal after the restart", Duration.ofSeconds(90),
                () -> files.serial("vt-hup"), s -> !s.equals(beforeRestart));
        int lines = Deadline.await("another reload signal", Duration.ofSeconds(20),
                () -> (int) docker.docker("exec", "vt-hup", "cat", "/tmp/reloads").out().lines().count(),
                n -> n > reloads.lines().count());
        assertTrue(lines >= 2);
        assertNotEquals(second, afterRestart);
        assertEquals(0, files.verify("vt-hup", caFile, "short.berth.internal", null).exit());
        String shown = berth.script("berth-shell", "vol:show vt-short").ok();
        assertTrue(shown, shown.contains(afterRestart.toString(16)) || shown.contains("vt-hup"));
    }

    @Test
    public void theKeyNeverTouchesPersistentDisk() throws Exception {
        docker.docker("volume", "create", "-d", "berth", "-o", "dns=secret.berth.internal", "vt-key").ok();
        runWith("vt-key", "vt-key");
        String key = files.read("vt-key", "/certs/key.pem");
        String body = key.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertTrue(body.length() > 100);
        assertTrue(tmpfsAt(mountpoint("vt-key")));
        List<Path> leaks = new ArrayList<>();
        for (Path root : List.of(berth.data(), Path.of("/var/lib/berth-e2e-vol"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if (Files.size(file) > 64L * 1024 * 1024) {
                        continue;
                    }
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    if (text.contains(body) || text.contains(body.substring(0, 64))) {
                        leaks.add(file);
                    }
                }
            }
        }
        assertEquals("files on persistent disk holding the volume's key", List.of(), leaks);
    }

    @Test
    public void mountsAreCountedPerContainerAndTheLastOneTakesTheTmpfsAway() throws Exception {
        docker.docker("volume", "create", "-d", "berth", "-o", "dns=count.berth.internal", "vt-count").ok();
        runWith("vt-a", "vt-count");
        runWith("vt-b", "vt-count");
        String point = mountpoint("vt-count");
        docker.docker("rm", "-f", "vt-a").ok();
        assertTrue("still mounted for vt-b", tmpfsAt(point));
        assertTrue(files.read("vt-b", "/certs/cert.pem").startsWith("-----BEGIN CERTIFICATE-----"));
        docker.docker("rm", "-f", "vt-b").ok();
        Deadline.await("the tmpfs unmounted", Duration.ofSeconds(10), () -> tmpfsAt(point), mounted -> !mounted);
        assertFalse(Files.exists(Path.of(point)));
        assertEquals("", mountpoint("vt-count"));
    }

    @Test
    public void aForbiddenNameOrAnUnknownOptionIsAClearErrorAndNothingIsIssuedOrMounted() throws Exception {
        Commands.Result evil = docker.docker("volume", "create", "-d", "berth", "-o", "dns=evil.example.com",
                "vt-evil");
        assertNotEquals(0, evil.exit());
        assertTrue(evil.err(), evil.err().contains("may not get a certificate for 'evil.example.com'"));
        Commands.Result colour = docker.docker("volume", "create", "-d", "berth", "-o", "dns=a.berth.internal", "-o",
                "colour=blue", "vt-colour");
        assertNotEquals(0, colour.exit());
        assertTrue(colour.err(), colour.err().contains("unknown option colour"));
        Commands.Result bare = docker.docker("run", "--rm", "--network", "none", "--volume-driver", "berth", "-v",
                "vt-bare:/certs", IMAGE, "true");
        assertNotEquals(0, bare.exit());
        assertTrue(bare.err(), bare.err().contains("needs the names of its certificate"));

        String volumes = docker.docker("volume", "ls", "-q").ok();
        assertFalse(volumes, volumes.contains("vt-evil") || volumes.contains("vt-colour") || volumes.contains("vt-bare"));
        String sets = berth.script("berth-shell", "cert:list").ok();
        assertFalse(sets, sets.contains("vt-evil") || sets.contains("vt-colour") || sets.contains("vt-bare"));
        String issued = berth.script("berth-shell", "cert:issued").ok();
        assertFalse(issued, issued.contains("evil.example.com"));
        for (String v : List.of("vt-evil", "vt-colour", "vt-bare")) {
            assertFalse(v, Files.exists(berth.runtime().resolve("volumes").resolve(v)));
        }
    }
}
