package dev.berth.itests.e2e;

import static dev.berth.itests.support.Docker.IMAGE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.Docker;
import dev.berth.itests.support.DockerDaemon;
import dev.berth.itests.support.VolumeFiles;
import dev.berth.itests.support.LoopbackResolver;
import dev.berth.itests.support.PebbleAcmeServer;

/**
 * {@code issuer=acme} certificate volumes with the real pebble ACME server and the real Docker engine: a container
 * gets a certificate of pebble's CA for its name (validated by pebble with http-01 against Berth's responder) that
 * openssl verifies against pebble's root, with the matching key; pebble issues 60-second certificates, so the
 * driver renews it in the running container, which gets its reload signal, also after a restart of Berth; options
 * an ACME CA cannot honour are refused and leave nothing behind. Every connection stays on loopback.
 */
public class AcmeVolumesDockerIT {

    private static final String NAME = "web.acme.test";
    private static final List<String> CONTAINERS = List.of("avt-web");
    private static final List<String> VOLUMES = List.of("avt-web", "avt-ip");

    private static LoopbackResolver resolver;
    private static PebbleAcmeServer pebble;
    private static DockerDaemon dockerd;
    private static Docker docker;
    private static BerthInstance berth;
    private static Path work;
    private static Path pebbleRoot;
    private static VolumeFiles files;

    @BeforeClass
    public static void start() throws Exception {
        work = Files.createTempDirectory("berth-acme-volumes-it");
        resolver = new LoopbackResolver(NAME + ".", "127.0.0.1");
        pebble = new PebbleAcmeServer(work, resolver.endpoint(), 60);
        pebbleRoot = pebble.managementCertificate("roots/0");
        dockerd = DockerDaemon.start("avol");
        docker = dockerd.cli();
        files = new VolumeFiles(docker, work);
        cleanUp();
        berth = BerthInstance.create("acme-volumes-docker");
        berth.env("BERTH_DOCKER_SOCKET", dockerd.socket().toString())
                .env("BERTH_ACME_DIRECTORY_URL", pebble.directory())
                .env("BERTH_ACME_CA_FILE", pebble.tlsCaFile().toString())
                .env("BERTH_ACME_TERMS_AGREED", "true")
                .env("BERTH_ACME_HTTP01_BIND_ADDRESS", "127.0.0.1")
                .env("BERTH_ACME_HTTP01_PORT", Integer.toString(pebble.httpPort()))
                .env("BERTH_VOLUMES_POLL_SECONDS", "1").start();
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
            VolumeFiles.unmountLeftovers(berth);
            berth.stop();
        }
        if (pebble != null) {
            pebble.close();
        }
        if (resolver != null) {
            resolver.close();
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

    @Test
    public void aContainerGetsACertificateOfTheAcmeCaForItsNameAndARenewedOneWithASignal() throws Exception {
        Commands.Result created = docker.docker("volume", "create", "-d", "berth", "-o", "issuer=acme", "-o",
                "dns=" + NAME, "avt-web");
        assertEquals(created.err() + "\n" + pebble.output(), 0, created.exit());
        String inspect = docker.docker("volume", "inspect", "avt-web").ok();
        assertTrue(inspect, inspect.contains("\"issuer\": \"acme\"") && inspect.contains(NAME));

        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", "avt-web", "--network", "none", "-v",
                "avt-web:/certs", "-l", "berth.certs.reload=SIGHUP", IMAGE, "sh", "-c",
                "mkdir -p /tmp; trap 'md5sum /certs/cert.pem >> /tmp/reloads' HUP; "
                        + "while true; do sleep 1 & wait $!; done"));
        docker.docker(args.toArray(new String[0])).ok();
        BigInteger first = files.serial("avt-web");

        Commands.Result ok = files.verify("avt-web", pebbleRoot, NAME, null);
        assertEquals(ok.out() + ok.err(), 0, ok.exit());
        assertTrue(ok.out(), ok.out().trim().endsWith(": OK"));
        assertNotEquals("another name does not verify", 0,
                files.verify("avt-web", pebbleRoot, "other.acme.test", null).exit());
        List<String> keys = files.publicKeys("avt-web");
        assertEquals("key.pem is the key of cert.pem", keys.get(0), keys.get(1));
        assertEquals(files.read("avt-web", "/certs/chain.pem"), files.read("avt-web", "/certs/fullchain.pem"));
        String intermediate = Files.readString(pebble.managementCertificate("intermediates/0"));
        assertEquals("ca.pem is the last certificate of the chain pebble returned", intermediate.trim(),
                files.read("avt-web", "/certs/ca.pem").trim());
        String modes = docker.docker("exec", "avt-web", "stat", "-L", "-c", "%n %a", "/certs/key.pem").ok();
        assertEquals("/certs/key.pem 600", modes);
        String listed = berth.script("berth-shell", "vol:list").ok();
        assertTrue(listed, listed.contains("avt-web") && listed.contains("acme"));
        String shown = berth.script("berth-shell", "vol:show avt-web").ok();
        assertTrue(shown, shown.contains("Issuer") && shown.contains("acme (the ACME CA"));

        // pebble's certificates live 60 s: the driver orders a new one at 67 % of that
        BigInteger second = Deadline.await("the renewed ACME certificate in the running container",
                Duration.ofSeconds(120), () -> files.serial("avt-web"), s -> !s.equals(first));
        String reloads = Deadline.await("the reload signal", Duration.ofSeconds(20),
                () -> docker.docker("exec", "avt-web", "cat", "/tmp/reloads").out(), out -> !out.isBlank());
        assertFalse(reloads.isBlank());
        assertNotEquals(first, second);
        Commands.Result renewed = files.verify("avt-web", pebbleRoot, NAME, null);
        assertEquals(renewed.out() + renewed.err(), 0, renewed.exit());
        keys = files.publicKeys("avt-web");
        assertEquals(keys.get(0), keys.get(1));

        // Berth restarts: the volume stays mounted, the driver finds its certificate in the tmpfs and renews it on time
        berth.kill();
        BigInteger beforeRestart = files.serial("avt-web");
        berth.start();
        BigInteger afterRestart = Deadline.await("a renewal after the restart", Duration.ofSeconds(120),
                () -> files.serial("avt-web"), s -> !s.equals(beforeRestart));
        assertNotEquals(second, afterRestart);
        long signals = Deadline.await("another reload signal", Duration.ofSeconds(20),
                () -> docker.docker("exec", "avt-web", "cat", "/tmp/reloads").out().lines().count(),
                n -> n > reloads.lines().count());
        assertTrue(signals >= 2);
        Commands.Result again = files.verify("avt-web", pebbleRoot, NAME, null);
        assertEquals(again.out() + again.err(), 0, again.exit());

        // the volume goes: nothing will use its certificate again, so the driver revokes it at the CA
        docker.docker("rm", "-f", "avt-web").ok();
        String serial = berth.script("berth-shell", "vol:show avt-web").ok().lines()
                .filter(l -> l.strip().startsWith("Serial")).map(l -> l.replaceAll(".*\\|", "").strip())
                .findFirst().orElseThrow();
        assertEquals("Valid", pebble.certificateStatus(serial));
        docker.docker("volume", "rm", "avt-web").ok();
        assertEquals("the removed volume's certificate", "Revoked", pebble.certificateStatus(serial));
    }

    @Test
    public void anAddressIsRefusedForAnAcmeVolumeAndNothingIsCreated() throws Exception {
        Commands.Result refused = docker.docker("volume", "create", "-d", "berth", "-o", "issuer=acme", "-o",
                "dns=" + NAME, "-o", "ip=1.2.3.4", "avt-ip");
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err(), refused.err().contains("ip: an ACME CA certifies DNS names only"));
        String volumes = docker.docker("volume", "ls", "-q").ok();
        assertFalse(volumes, volumes.contains("avt-ip"));
        String listed = berth.script("berth-shell", "vol:list").ok();
        assertFalse(listed, listed.contains("avt-ip"));
        assertFalse(Files.exists(berth.runtime().resolve("volumes").resolve("avt-ip")));
    }
}
