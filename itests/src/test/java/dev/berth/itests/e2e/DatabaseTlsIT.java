package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;
import dev.berth.itests.support.Deadline;
import dev.berth.itests.support.UnixHttp;

/**
 * Berth's embedded PostgreSQL takes only TLS connections with a client certificate from Berth's CA: no
 * plain connection, no password, no key in the data directory, and renewed certificates are used without a
 * restart.
 */
public class DatabaseTlsIT {

    private static BerthInstance berth;
    private static Path socket;

    @BeforeClass
    public static void start() throws Exception {
        berth = BerthInstance.create("db-tls");
        socket = berth.data().resolve("plugin.sock");
        String ready = berth.env("BERTH_PLUGIN_SOCKET", socket.toString()).start();
        assertTrue(ready, ready.contains(socket.toString()));
        // the console makes its keys on first use: use it, so that the key scan below sees them too
        berth.script("berth-shell", "cert:ca").ok();
    }

    @AfterClass
    public static void stop() throws Exception {
        berth.stop();
    }

    @Test
    public void plainConnectionsAreRefused() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "berth");
        p.setProperty("sslmode", "disable");
        refused(p, "no pg_hba.conf entry");
    }

    @Test
    public void tlsWithoutAClientCertificateIsRefused() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "berth");
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", berth.clientTls().getProperty("sslrootcert"));
        p.setProperty("sslcert", berth.data().resolve("none.crt").toString());
        p.setProperty("sslkey", berth.data().resolve("none.pk8").toString());
        p.setProperty("password", "guess");
        refused(p, "certificate");
    }

    @Test
    public void theSuperuserHasNoPasswordAndNoneIsOnDisk() throws Exception {
        assertFalse(Files.exists(berth.data().resolve("postgres/superuser.password")));
        try (Connection c = berth.database(); ResultSet r = c.createStatement()
                .executeQuery("SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 'berth'")) {
            assertTrue(r.next());
            assertTrue("the superuser has no password", r.getBoolean(1));
        }
    }

    @Test
    public void berthsOwnConnectionsUseTls13WithItsClientCertificate() throws Exception {
        // make Berth use its pool: a pool request through the plugin socket writes to the database
        String reply = UnixHttp.post(socket, "/IpamDriver.RequestPool",
                "{\"AddressSpace\":\"local\",\"Pool\":\"198.18.121.0/24\"}").body();
        assertTrue(reply, reply.contains("PoolID"));
        try (Connection c = berth.database(); ResultSet r = c.createStatement().executeQuery(
                "SELECT s.ssl, s.version, s.client_dn FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) "
                        + "WHERE a.application_name = 'berth' AND a.pid <> pg_backend_pid()")) {
            int connections = 0;
            while (r.next()) {
                connections++;
                assertTrue("TLS", r.getBoolean(1));
                assertEquals("TLSv1.3", r.getString(2));
                assertEquals("/CN=berth", r.getString(3));
            }
            assertTrue("Berth holds connections", connections > 0);
        }
    }

    @Test
    public void noPrivateKeyIsWrittenToTheDataDirectory() throws Exception {
        List<byte[]> keys = new ArrayList<>();
        keys.add(Files.readAllBytes(Path.of(berth.clientTls().getProperty("sslkey"))));
        keys.add(Files.readAllBytes(berth.runtime().resolve("postgres-tls/server.key")));
        List<Path> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(berth.data())) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (Files.size(file) > 64L * 1024 * 1024) {
                    continue;
                }
                byte[] content = Files.readAllBytes(file);
                String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.contains("PRIVATE KEY-----") && !file.toString().contains("/system/")) {
                    leaks.add(file);
                }
                for (byte[] key : keys) {
                    if (indexOf(content, key) >= 0) {
                        leaks.add(file);
                    }
                }
            }
        }
        assertEquals("files holding a private key in clear", List.of(), leaks);
    }

    @Test
    public void renewedCertificatesAreUsedWithoutARestart() throws Exception {
        BigInteger serverBefore = servedSerial();
        assertEquals("the server presents the certificate written for it", fileSerial("postgres-tls/server.crt"),
                serverBefore);
        berth.script("berth-shell", "cert:renew berth-db-server").ok();
        BigInteger serverAfter = Deadline.await("the server presents its renewed certificate", Duration.ofSeconds(30),
                DatabaseTlsIT::servedSerial, serial -> !serial.equals(serverBefore));
        assertEquals(fileSerial("postgres-tls/server.crt"), serverAfter);

        BigInteger clientBefore = fileSerial("db-client/client.crt");
        assertEquals(List.of(clientBefore), clientSerials());
        berth.script("berth-shell", "cert:renew berth-db-client").ok();
        BigInteger clientAfter = Deadline.await("the renewed client certificate is written", Duration.ofSeconds(30),
                () -> fileSerial("db-client/client.crt"), serial -> !serial.equals(clientBefore));
        // the pool replaces its connections as they are handed back; requests cycle them
        Deadline.await("Berth connects with its renewed client certificate only", Duration.ofSeconds(60), () -> {
            UnixHttp.post(socket, "/IpamDriver.RequestPool", "{\"AddressSpace\":\"local\",\"Pool\":\"198.18.122.0/24\"}");
            return clientSerials();
        }, serials -> serials.equals(List.of(clientAfter)));
    }

    /** The serial number of the certificate the server presents to a client that verifies it against root.crt. */
    private static BigInteger servedSerial() {
        String out = Commands.run(List.of("sh", "-c", "echo | openssl s_client -starttls postgres -connect 127.0.0.1:"
                + port() + " -CAfile " + berth.clientTls().getProperty("sslrootcert")
                + " -verify_return_error 2>/dev/null | openssl x509 -noout -serial"), 20).ok();
        return new BigInteger(out.trim().replace("serial=", ""), 16);
    }

    private static BigInteger fileSerial(String file) throws Exception {
        try (var in = Files.newInputStream(berth.runtime().resolve(file))) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
        }
    }

    private static String port() {
        try {
            String url = berth.databaseUrl();
            return url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/'));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The distinct serial numbers of the client certificates of Berth's connections. */
    private static List<BigInteger> clientSerials() throws Exception {
        List<BigInteger> serials = new ArrayList<>();
        try (Connection c = berth.database(); ResultSet r = c.createStatement().executeQuery(
                "SELECT DISTINCT s.client_serial FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) "
                        + "WHERE a.application_name = 'berth' AND a.pid <> pg_backend_pid()")) {
            while (r.next()) {
                serials.add(r.getBigDecimal(1).toBigInteger());
            }
        }
        return serials;
    }

    private static void refused(Properties p, String reason) throws IOException {
        try (Connection c = DriverManager.getConnection(berth.databaseUrl(), p)) {
            fail("connected with " + p);
        } catch (SQLException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(reason));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
