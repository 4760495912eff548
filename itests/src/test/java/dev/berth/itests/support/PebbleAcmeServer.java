package dev.berth.itests.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real pebble ACME test server on loopback ports: a TLS CA and a certificate for 127.0.0.1 made with openssl, its
 * config written here, {@code -dnsserver} pointed at the test's resolver, http-01 validated at {@code httpPort} of
 * the address that resolver gives. As the acme bundle's {@code PebbleServer}, with the host's openssl and curl.
 */
public final class PebbleAcmeServer implements AutoCloseable {

    private final Path dir;
    private final int acmePort;
    private final int managementPort;
    private final int httpPort;
    private final Path caFile;
    private final StringBuffer output = new StringBuffer();
    private final Process process;

    /**
     * Writes the PKI and config and starts pebble, waiting until it listens.
     *
     * @param dir a directory of the test's own
     * @param dnsServer the resolver pebble asks, {@code 127.0.0.1:PORT}
     * @param validitySeconds the lifetime of the certificates it issues
     * @throws IOException when pebble cannot start
     */
    public PebbleAcmeServer(Path dir, String dnsServer, long validitySeconds) throws IOException {
        this.dir = dir;
        this.acmePort = BerthInstance.freePort();
        this.managementPort = BerthInstance.freePort();
        this.httpPort = BerthInstance.freePort();
        this.caFile = dir.resolve("pebble-tls-ca.pem");
        Path caKey = dir.resolve("pebble-tls-ca.key");
        Path key = dir.resolve("pebble-tls-key.pem");
        Path csr = dir.resolve("pebble-tls.csr");
        Path cert = dir.resolve("pebble-tls-cert.pem");
        Path ext = Files.writeString(dir.resolve("pebble-tls.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                + "extendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                caKey.toString(), "-out", caFile.toString(), "-days", "2", "-subj", "/CN=Berth e2e pebble TLS CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", csr.toString(), "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caFile.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
        Path config = Files.writeString(dir.resolve("pebble-config.json"), "{\"pebble\": {"
                + "\"listenAddress\": \"127.0.0.1:" + acmePort + "\","
                + "\"managementListenAddress\": \"127.0.0.1:" + managementPort + "\","
                + "\"certificate\": \"" + cert + "\", \"privateKey\": \"" + key + "\","
                + "\"httpPort\": " + httpPort + ", \"tlsPort\": " + BerthInstance.freePort() + ","
                + "\"ocspResponderURL\": \"\", \"externalAccountBindingRequired\": false,"
                + "\"certificateValidityPeriod\": " + validitySeconds + "}}");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/pebble", "-config", config.toString(), "-dnsserver",
                dnsServer).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append("(output unreadable: ").append(e.getMessage()).append(")\n");
            }
        }, "pebble-output");
        reader.setDaemon(true);
        reader.start();
        Deadline.await("pebble to listen on 127.0.0.1:" + acmePort, Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("pebble exited:\n" + output);
            }
            return output.toString().contains("127.0.0.1:" + acmePort);
        }, up -> up);
    }

    private void openssl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Commands.run(command, 60).ok();
    }

    /** The ACME directory URL. */
    public String directory() {
        return "https://127.0.0.1:" + acmePort + "/dir";
    }

    /** The PEM file of the CA of pebble's TLS certificate. */
    public Path tlsCaFile() {
        return caFile;
    }

    /** The port pebble validates http-01 challenges at. */
    public int httpPort() {
        return httpPort;
    }

    /**
     * Fetches a certificate of pebble's management interface with curl, trusting only the test's TLS CA.
     *
     * @param path for example {@code roots/0}
     * @return the file it was saved to
     */
    public Path managementCertificate(String path) {
        Path file = dir.resolve("pebble-" + path.replace('/', '-') + ".pem");
        Commands.run(List.of("curl", "-sSf", "--cacert", caFile.toString(), "-o", file.toString(),
                "https://127.0.0.1:" + managementPort + "/" + path), 30).ok();
        return file;
    }

    /**
     * Asks pebble's management interface for the status of a certificate it issued.
     *
     * @param hexSerial the certificate's serial number in hex
     * @return {@code Valid} or {@code Revoked}
     */
    public String certificateStatus(String hexSerial) {
        String json = Commands.run(List.of("curl", "-sSf", "--cacert", caFile.toString(),
                "https://127.0.0.1:" + managementPort + "/cert-status-by-serial/" + hexSerial), 30).ok();
        Matcher m = Pattern.compile("\"Status\"\\s*:\\s*\"(\\w+)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no status for certificate " + hexSerial + ": " + json);
        }
        return m.group(1);
    }

    /** What pebble printed so far. */
    public String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

}
