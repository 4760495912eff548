package dev.berth.itests.support;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The certificate files a Berth volume gives a running container ({@code /certs}), read with docker exec (whose
 * output Docker does not log), and checked with openssl on the host.
 */
public final class VolumeFiles {

    private final Docker docker;
    private final Path work;

    /**
     * Creates the reader.
     *
     * @param docker the test's dockerd
     * @param work a directory for the copies openssl reads (never the key: that goes by pipe)
     */
    public VolumeFiles(Docker docker, Path work) {
        this.docker = docker;
        this.work = work;
    }

    /**
     * Reads a file in a running container.
     *
     * @param container the container
     * @param file the path inside it
     * @return its text, ending with a newline
     */
    public String read(String container, String file) {
        return docker.docker("exec", container, "cat", file).ok() + "\n";
    }

    /**
     * Returns the serial number of a container's {@code /certs/cert.pem}.
     *
     * @param container the container
     * @return the serial
     * @throws Exception when it is not a certificate
     */
    public BigInteger serial(String container) throws Exception {
        return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                read(container, "/certs/cert.pem").getBytes(StandardCharsets.US_ASCII)))).getSerialNumber();
    }

    /**
     * Runs openssl verify on a container's certificate, with its {@code chain.pem} as untrusted intermediates.
     *
     * @param container the container
     * @param caFile the trusted root
     * @param dnsName the name it must be valid for
     * @param ip an address it must be valid for, or null
     * @return openssl's result
     * @throws Exception when the files cannot be copied
     */
    public Commands.Result verify(String container, Path caFile, String dnsName, String ip) throws Exception {
        Path cert = work.resolve(container + "-cert.pem");
        Path chain = work.resolve(container + "-chain.pem");
        Files.writeString(cert, read(container, "/certs/cert.pem"));
        Files.writeString(chain, read(container, "/certs/chain.pem"));
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-CAfile", caFile.toString(),
                "-untrusted", chain.toString(), "-purpose", "sslserver", "-verify_hostname", dnsName));
        if (ip != null) {
            command.addAll(List.of("-verify_ip", ip));
        }
        command.add(cert.toString());
        return Commands.run(command, 30);
    }

    /**
     * Returns the public key of a container's key.pem and of its cert.pem, as openssl prints them.
     *
     * @param container the container
     * @return the two keys, equal when the key is the certificate's
     */
    public List<String> publicKeys(String container) {
        String fromKey = Commands.run(List.of("sh", "-c", "printf '%s' \"$KEY\" | openssl pkey -pubout"),
                Map.of("KEY", read(container, "/certs/key.pem")), 30).ok();
        String fromCert = Commands.run(List.of("sh", "-c", "printf '%s' \"$CERT\" | openssl x509 -noout -pubkey"),
                Map.of("CERT", read(container, "/certs/cert.pem")), 30).ok();
        return List.of(fromKey, fromCert);
    }

    /**
     * Unmounts whatever a failed test left mounted under a Berth's volumes, before its runtime directory goes.
     *
     * @param berth the instance
     * @throws Exception when the mount table cannot be read
     */
    public static void unmountLeftovers(BerthInstance berth) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String point = line.split(" ")[1];
            if (point.startsWith(berth.runtime().resolve("volumes").toString())) {
                Commands.run("umount", "-l", point);
            }
        }
    }
}
