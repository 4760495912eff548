package dev.berth.acme.internal;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.berth.acme.api.AcmeException;
import dev.berth.acme.api.IssuedChain;

/**
 * The RFC 8555 issuance flow for one account: account registration, order, authorizations answered by a
 * {@link ChallengeSolver} (http-01 or dns-01), finalize and download. Polls with a deadline, waiting as long as the
 * server's Retry-After asks within it.
 */
final class AcmeClient {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    private static final Duration MAX_POLL = Duration.ofSeconds(10);

    private final AcmeTransport transport;
    private final JwsSigner signer;
    private final Duration timeout;
    private volatile String accountUrl;

    AcmeClient(AcmeTransport transport, JwsSigner signer, Duration timeout) {
        this.transport = transport;
        this.signer = signer;
        this.timeout = timeout;
    }

    /** A pending authorization whose challenge is prepared, not yet sent. */
    private record Pending(URI authorization, URI challenge, String name) {
    }

    String accountUrl() {
        return accountUrl;
    }

    /**
     * Registers the account, or finds it when the key is registered already (the server answers 200 then).
     *
     * @param contacts contact URIs such as {@code mailto:ops@example.org}
     * @param termsOfServiceAgreed whether the operator agreed to the CA's terms
     * @return the account URL
     */
    String account(List<String> contacts, boolean termsOfServiceAgreed) {
        String url = accountUrl;
        if (url != null) {
            return url;
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.put("termsOfServiceAgreed", termsOfServiceAgreed);
        ArrayNode contact = payload.putArray("contact");
        contacts.forEach(contact::add);
        AcmeResponse response = transport.post(transport.resource("newAccount"), signer, null,
                payload.toString(), null);
        url = response.location().orElseThrow(
                () -> new AcmeException("the ACME server returned no account URL from newAccount", null));
        LOG.info("ACME account {} at {} ({})", response.status() == 201 ? "created" : "found", url,
                transport.directoryUrl());
        accountUrl = url;
        return url;
    }

    /**
     * Issues a certificate for names with a CSR.
     *
     * @param dnsNames the names
     * @param csrDer the CSR
     * @param solver answers the challenges; closed once the authorizations settle, whatever the outcome
     * @return the chain
     */
    IssuedChain issue(List<String> dnsNames, byte[] csrDer, ChallengeSolver solver) {
        String kid = accountUrl;
        if (kid == null) {
            throw new IllegalStateException("no ACME account yet");
        }
        Instant deadline = Instant.now().plus(timeout);
        ObjectNode newOrder = JSON.createObjectNode();
        ArrayNode identifiers = newOrder.putArray("identifiers");
        dnsNames.forEach(n -> identifiers.addObject().put("type", "dns").put("value", n));
        AcmeResponse created = transport.post(transport.resource("newOrder"), signer, kid, newOrder.toString(),
                null);
        URI orderUrl = URI.create(created.location().orElseThrow(
                () -> new AcmeException("the ACME server returned no order URL", null)));
        JsonNode order = created.json();
        LOG.info("ACME order {} for {}", orderUrl, dnsNames);
        try (solver) {
            authorize(order.path("authorizations"), solver, deadline);
        }
        order = poll(orderUrl, deadline, "order " + orderUrl, "ready", "pending");
        if (!"valid".equals(order.path("status").asText())) { // a CA may hand back a finished order again
            if (!"ready".equals(order.path("status").asText())) {
                throw failure("order " + orderUrl + " is " + order.path("status").asText(), order);
            }
            ObjectNode finalize = JSON.createObjectNode().put("csr", Base64Url.encode(csrDer));
            transport.post(URI.create(order.path("finalize").asText()), signer, kid, finalize.toString(), null);
            order = pollOrder(orderUrl, deadline, "valid", "ready", "processing");
        }
        URI certificateUrl = URI.create(order.path("certificate").asText());
        AcmeResponse pem = transport.post(certificateUrl, signer, kid, null, "application/pem-certificate-chain");
        List<X509Certificate> chain = parseChain(pem.body());
        LOG.info("ACME certificate {} issued for {}, valid until {}", certificateUrl, dnsNames,
                chain.get(0).getNotAfter().toInstant());
        return new IssuedChain(chain, certificateUrl);
    }

    /**
     * Revokes a certificate of this account ({@code revokeCert}, signed with the account's key id).
     *
     * @param certificate the certificate
     * @param reason the RFC 5280 reason code
     */
    void revoke(X509Certificate certificate, int reason) {
        String kid = accountUrl;
        if (kid == null) {
            throw new IllegalStateException("no ACME account yet");
        }
        ObjectNode payload = JSON.createObjectNode();
        try {
            payload.put("certificate", Base64Url.encode(certificate.getEncoded()));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("cannot encode the certificate to revoke", e);
        }
        payload.put("reason", reason);
        transport.post(transport.resource("revokeCert"), signer, kid, payload.toString(), null);
        LOG.info("ACME certificate {} ({}) revoked, reason {}", certificate.getSerialNumber().toString(16),
                certificate.getSubjectX500Principal().getName(), reason);
    }

    /**
     * Prepares every pending authorization's challenge first, waits until all proofs are in place, then tells the
     * CA and polls each authorization until it settles.
     */
    private void authorize(JsonNode authorizations, ChallengeSolver solver, Instant deadline) {
        List<Pending> pending = new ArrayList<>();
        for (JsonNode url : authorizations) {
            URI authzUrl = URI.create(url.asText());
            JsonNode authz = postAsGet(authzUrl).json();
            String status = authz.path("status").asText();
            String name = authz.path("identifier").path("value").asText();
            if ("valid".equals(status)) {
                LOG.debug("ACME authorization for {} is valid already", name);
                continue;
            }
            if (!"pending".equals(status)) {
                throw failure("authorization for " + name + " is " + status, authz);
            }
            JsonNode challenge = null;
            for (JsonNode c : authz.path("challenges")) {
                if (solver.type().equals(c.path("type").asText())) {
                    challenge = c;
                }
            }
            if (challenge == null) {
                throw new AcmeException("the ACME server offers no " + solver.type() + " challenge for "
                        + (authz.path("wildcard").asBoolean() ? "*." : "") + name, null);
            }
            String token = challenge.path("token").asText();
            if (!token.matches("[A-Za-z0-9_-]+")) {
                throw new AcmeException("the ACME server sent a malformed " + solver.type() + " token for " + name,
                        null);
            }
            solver.prepare(name, token, signer.keyAuthorization(token));
            pending.add(new Pending(authzUrl, URI.create(challenge.path("url").asText()), name));
        }
        if (pending.isEmpty()) {
            return;
        }
        solver.awaitReady(deadline);
        for (Pending p : pending) {
            transport.post(p.challenge(), signer, accountUrl, "{}", null);
        }
        for (Pending p : pending) {
            JsonNode done = poll(p.authorization(), deadline, "authorization for " + p.name(), "valid", "pending");
            if (!"valid".equals(done.path("status").asText())) {
                throw failure("authorization for " + p.name() + " is " + done.path("status").asText(), done);
            }
            LOG.info("ACME {} challenge for {} is valid", solver.type(), p.name());
        }
    }

    private JsonNode pollOrder(URI orderUrl, Instant deadline, String wanted, String... waitWhile) {
        JsonNode order = poll(orderUrl, deadline, "order " + orderUrl, wanted, waitWhile);
        if (!wanted.equals(order.path("status").asText())) {
            throw failure("order " + orderUrl + " is " + order.path("status").asText(), order);
        }
        return order;
    }

    /** Polls until the status is no longer one of waitWhile (other than wanted) or the deadline passes. */
    private JsonNode poll(URI url, Instant deadline, String what, String wanted, String... waitWhile) {
        while (true) {
            AcmeResponse response = postAsGet(url);
            JsonNode body = response.json();
            String status = body.path("status").asText();
            if (wanted.equals(status) || !List.of(waitWhile).contains(status)) {
                return body;
            }
            Duration wait = response.retryAfter(DEFAULT_POLL);
            wait = wait.compareTo(MAX_POLL) > 0 ? MAX_POLL : wait;
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw new AcmeException("timed out waiting for the " + what + " (still " + status + ")", null);
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AcmeException("interrupted while waiting for the " + what, e);
            }
        }
    }

    private AcmeResponse postAsGet(URI url) {
        return transport.post(url, signer, accountUrl, null, null);
    }

    /** The exception for a failed object, with the problem document of the object or its failed challenge. */
    private static AcmeException failure(String what, JsonNode object) {
        JsonNode error = object.get("error");
        for (JsonNode c : object.path("challenges")) {
            if (error == null && c.has("error")) {
                error = c.get("error");
            }
        }
        if (error == null) {
            return new AcmeException("ACME " + what, null);
        }
        AcmeException problem = Problems.fromDocument(error, 0);
        return new AcmeException(problem.problemType().orElse("about:blank"), what + ": " + problem.detail(),
                problem.httpStatus());
    }

    static List<X509Certificate> parseChain(byte[] pem) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(new ByteArrayInputStream(pem))
                    .forEach(c -> chain.add((X509Certificate) c));
            if (chain.isEmpty()) {
                throw new AcmeException("the ACME server sent an empty certificate chain", null);
            }
            return chain;
        } catch (CertificateException e) {
            throw new AcmeException("the ACME server sent an unreadable certificate chain", e);
        }
    }
}
