package dev.berth.acme.internal;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.acme.api.AcmeIssuer;

/**
 * The real pebble with Berth's ACME client for the tests of other bundles (the volume driver's), all on loopback:
 * real http-01 validation of any name (a DNS responder answers 127.0.0.1, one http-01 responder for every client)
 * and clients whose account key is kept in one secret store, so that a client made later, as after a restart of
 * Berth, is the same ACME account. Skipped or failed without pebble as {@link PebbleServer} says.
 */
public final class PebbleAcme implements AutoCloseable {

    /**
     * What pebble's management interface says of a certificate.
     *
     * @param status {@code Valid} or {@code Revoked}
     * @param reason the RFC 5280 revocation reason code, 0 when not revoked
     */
    public record CertificateStatus(String status, int reason) {
    }

    private final LoopbackDns dns;
    private final Http01Responder responder;
    private final PebbleServer pebble;
    private final TestPki pki;
    private final Path dir;
    private final MemorySecretStore secrets = new MemorySecretStore();
    private final List<AcmeIssuerService> issuers = new CopyOnWriteArrayList<>();

    /**
     * Starts pebble.
     *
     * @param dir a directory for pebble's configuration and TLS files
     * @throws Exception when pebble does not start
     */
    public PebbleAcme(Path dir) throws Exception {
        this.dir = dir;
        pki = new TestPki(dir);
        dns = new LoopbackDns();
        responder = new Http01Responder(new InetSocketAddress("127.0.0.1", 0));
        try {
            pebble = new PebbleServer(dir, pki, dns.port(), responder.address().getPort(), Map.of());
        } catch (Exception | Error e) { // pebble missing (a skip) or failing: nothing stays open
            responder.close();
            dns.close();
            throw e;
        }
    }

    /**
     * Makes an ACME client of pebble, the same account as every client made before.
     *
     * @return the client
     */
    public AcmeIssuer newIssuer() {
        AcmeIssuerService issuer = new AcmeIssuerService(new AcmeSettings(pebble.directory(), pki.caFile,
                List.of("mailto:ops@berth-acme.test"), true, responder.address(), true, Duration.ofSeconds(60), dir),
                responder);
        issuer.secretStore = secrets;
        issuers.add(issuer);
        return issuer;
    }

    /**
     * Asks pebble about a certificate ({@code cert-status-by-serial}).
     *
     * @param certificate the certificate
     * @return its status and revocation reason
     * @throws Exception when pebble does not answer
     */
    public CertificateStatus status(X509Certificate certificate) throws Exception {
        JsonNode s = new ObjectMapper().readTree(pebble.managementJson("cert-status-by-serial/"
                + certificate.getSerialNumber().toString(16)));
        return new CertificateStatus(s.path("Status").asText(), s.path("Reason").asInt());
    }

    @Override
    public void close() throws Exception {
        issuers.forEach(AcmeIssuerService::stop);
        responder.close();
        pebble.close();
        dns.close();
    }
}
