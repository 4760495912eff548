package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.PebbleAcmeServer;

/**
 * ACME dns-01 in the assembly: the real pebble asks Berth's own DNS server (its {@code -dnsserver} is Berth's DNS
 * port) for the {@code _acme-challenge} TXT records Berth publishes in an extra zone, and issues a wildcard
 * certificate that openssl verifies against pebble's root; afterwards dig finds no challenge record. No HTTP
 * reachability is involved, and every connection stays on loopback.
 */
public class AcmeDnsIT {

    private static final String ZONE = "acme-dns.test";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+?-----END CERTIFICATE-----");

    private static PebbleAcmeServer pebble;
    private static BerthInstance berth;
    private static Path work;
    private static String dnsPort;

    @BeforeClass
    public static void start() throws Exception {
        work = Files.createTempDirectory("berth-acme-dns-it");
        berth = BerthInstance.create("acme-dns");
        dnsPort = berth.setting("BERTH_DNS_PORT");
        pebble = new PebbleAcmeServer(work, "127.0.0.1:" + dnsPort, 3600);
        berth.env("BERTH_PLUGIN_SOCKET", berth.data().resolve("plugin.sock").toString())
                .env("BERTH_DNS_EXTRA_ZONES", ZONE)
                .env("BERTH_DNS_LISTEN", "127.0.0.1")
                .env("BERTH_ACME_DIRECTORY_URL", pebble.directory())
                .env("BERTH_ACME_CA_FILE", pebble.tlsCaFile().toString())
                .env("BERTH_ACME_TERMS_AGREED", "true")
                .env("BERTH_ACME_CHALLENGE", "dns-01")
                // http-01 is not used: its port stays closed, so only dns-01 can pass
                .env("BERTH_ACME_HTTP01_PORT", Integer.toString(pebble.httpPort()))
                .start();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (berth != null) {
            berth.stop();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    public void aWildcardCertificateIsIssuedThroughBerthsDnsAndNoChallengeRecordRemains() throws Exception {
        String status = berth.script("berth-shell", "acme:status").ok();
        assertTrue(status, status.matches("(?s).*Challenge\\s+\\|\\s+dns-01.*"));
        assertTrue(status, status.contains(ZONE + "."));

        Commands.Result issued = berth.script("berth-shell",
                "acme:issue --pem '*.apps." + ZONE + "' www." + ZONE);
        assertEquals(issued.out() + issued.err() + "\n" + pebble.output(), 0, issued.exit());
        assertTrue(issued.out(), issued.out().contains("Challenge: dns-01"));
        List<String> pems = new ArrayList<>();
        Matcher m = PEM.matcher(issued.out());
        while (m.find()) {
            pems.add(m.group());
        }
        assertTrue(issued.out(), pems.size() >= 2);
        Path leaf = Files.writeString(work.resolve("leaf.pem"), pems.get(0) + "\n");
        Path chain = Files.writeString(work.resolve("chain.pem"),
                String.join("\n", pems.subList(1, pems.size())) + "\n");
        Path root = pebble.managementCertificate("roots/0");

        String names = openssl("x509", "-in", leaf.toString(), "-noout", "-ext", "subjectAltName").ok();
        assertTrue(names, names.contains("DNS:*.apps." + ZONE) && names.contains("DNS:www." + ZONE));
        Commands.Result verified = openssl("verify", "-CAfile", root.toString(), "-untrusted", chain.toString(),
                "-verify_hostname", "shop.apps." + ZONE, leaf.toString());
        assertEquals(verified.out() + verified.err(), 0, verified.exit());
        assertTrue(verified.out(), verified.out().trim().endsWith(": OK"));
        assertNotEquals("a wildcard covers one label only", 0, openssl("verify", "-CAfile", root.toString(),
                "-untrusted", chain.toString(), "-verify_hostname", "a.b.apps." + ZONE, leaf.toString()).exit());

        for (String name : List.of("_acme-challenge.apps." + ZONE + ".", "_acme-challenge.www." + ZONE + ".")) {
            String dig = Commands.run("dig", "-p", dnsPort, "@127.0.0.1", name, "TXT").ok();
            assertTrue(dig, dig.contains("status: NXDOMAIN"));
            assertTrue(dig, dig.contains("flags: qr aa"));
        }
        String records = berth.script("berth-shell", "dns:records " + ZONE).ok();
        assertFalse(records, records.contains("_acme-challenge"));
    }

    @Test
    public void aNameOutsideBerthsZonesIsRefusedBeforeAnyOrder() throws Exception {
        long orders = orders();
        Commands.Result refused = berth.script("berth-shell", "acme:issue www.elsewhere.test");
        String said = refused.out() + refused.err();
        assertTrue(said, said.contains("dns-01 cannot prove www.elsewhere.test"));
        assertTrue(said, said.contains("is in no zone Berth's DNS server serves"));
        assertEquals(pebble.output(), orders, orders());
    }

    /** How many newOrder requests pebble has had. */
    private static long orders() {
        return pebble.output().lines().filter(l -> l.contains("POST /order-plz")).count();
    }

    private static Commands.Result openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Commands.run(command, 60);
    }
}
