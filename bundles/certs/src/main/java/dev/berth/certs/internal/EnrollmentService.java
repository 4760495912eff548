package dev.berth.certs.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.AEADBadTagException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.enroll.MalformedMessageException;
import dev.berth.certs.enroll.Payloads;
import dev.berth.certs.enroll.ReplayGuard;
import dev.berth.certs.enroll.SealedMessage;
import dev.berth.certs.enroll.SealedMessage.Type;
import dev.berth.certs.https.Answer;

/**
 * The server side of enrollment: authenticates a sealed request, refuses replays and stale messages, checks
 * the CSR against the server's and the client's policies, signs it and seals the answer bound to the request.
 * What cannot be authenticated gets a plain, uninformative refusal; what can gets a sealed reason.
 */
final class EnrollmentService {

    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentService.class);

    private final EnrollmentClients clients;
    private final Issuance issuance;
    private final NamePolicy serverPolicy;
    private final Duration defaultTtl;
    private final ReplayGuard replays;
    private final Clock clock;

    EnrollmentService(EnrollmentClients clients, Issuance issuance, NamePolicy serverPolicy, Duration defaultTtl,
            ReplayGuard replays, Clock clock) {
        this.clients = clients;
        this.issuance = issuance;
        this.serverPolicy = serverPolicy;
        this.defaultTtl = defaultTtl;
        this.replays = replays;
        this.clock = clock;
    }

    Answer handle(byte[] wire) {
        SealedMessage request;
        try {
            request = SealedMessage.parse(wire);
        } catch (MalformedMessageException e) {
            LOG.info("Refused a malformed enrollment message: {}", e.getMessage());
            return Answer.plain(400, "malformed enrollment message: " + e.getMessage());
        }
        var client = clients.find(request.clientId());
        if (request.type() != Type.REQUEST || client.isEmpty()) {
            LOG.info("Refused an enrollment message for {}: {}", request.clientId(),
                    client.isEmpty() ? "unknown client" : "not a request");
            return Answer.plain(403, "enrollment refused");
        }
        byte[] psk = client.get().psk();
        byte[] plaintext;
        try {
            plaintext = request.open(psk);
        } catch (AEADBadTagException e) {
            LOG.warn("Refused an enrollment request for {} that does not authenticate (wrong key or tampered)",
                    request.clientId());
            return Answer.plain(403, "enrollment refused");
        }
        long now = clock.millis();
        byte[] digest = SealedMessage.digest(wire);
        switch (replays.admit(request.messageId(), request.timestamp(), now)) {
            case REPLAYED -> {
                LOG.warn("Refused a replayed enrollment request for {}", request.clientId());
                return Answer.plain(403, "enrollment refused");
            }
            case STALE -> {
                LOG.info("Refused a stale enrollment request for {} (sent {}, server time {})", request.clientId(),
                        Instant.ofEpochMilli(request.timestamp()), Instant.ofEpochMilli(now));
                return refusal(request, psk, digest, Reason.REFUSED, "the request's timestamp "
                        + Instant.ofEpochMilli(request.timestamp()) + " is outside the accepted window around the "
                        + "server's time " + Instant.ofEpochMilli(now) + "; check the clocks");
            }
            case BUSY -> {
                return Answer.plain(503, "too many enrollments in progress; retry later");
            }
            default -> {
            }
        }
        try {
            Payloads.Request asked = Payloads.Request.decode(plaintext);
            CsrCheck.Asked csr = CsrCheck.check(asked.csr());
            Duration clientMax = client.get().policy().maxTtl();
            Duration ttl = asked.ttlSeconds() != 0 ? Duration.ofSeconds(asked.ttlSeconds())
                    : defaultTtl.compareTo(clientMax) > 0 ? clientMax : defaultTtl;
            String requester = "enrollment client '" + request.clientId() + "'";
            serverPolicy.check(requester, csr.dnsNames(), csr.ipAddresses(), ttl);
            client.get().policy().check(requester, csr.dnsNames(), csr.ipAddresses(), ttl);
            var certificate = issuance.issue("enroll:" + request.clientId(), new CertificateIssuer.Leaf(
                    request.clientId(), csr.dnsNames(), csr.ipAddresses(), client.get().info().spec().profile(),
                    Instant.ofEpochMilli(now).plus(ttl)), csr.key());
            clients.enrolled(request.clientId());
            byte[] answer = SealedMessage.seal(Type.CERTIFICATE, request.clientId(), psk, digest, clock.millis(),
                    Payloads.certificates(List.of(certificate, issuance.ca().issuing(), issuance.ca().root())));
            return new Answer(200, answer);
        } catch (MalformedMessageException e) {
            return refusal(request, psk, digest, Reason.INVALID, e.getMessage());
        } catch (CertificateManagerException e) {
            LOG.info("Refused enrollment of {}: {}", request.clientId(), e.getMessage());
            return refusal(request, psk, digest, e.reason(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.error("Enrollment of {} failed", request.clientId(), e);
            return refusal(request, psk, digest, Reason.UNAVAILABLE, "the certificate manager could not issue: "
                    + e.getMessage());
        }
    }

    private Answer refusal(SealedMessage request, byte[] psk, byte[] digest, Reason reason, String message) {
        return new Answer(200, SealedMessage.seal(Type.REFUSAL, request.clientId(), psk, digest, clock.millis(),
                new Payloads.Refusal(reason, message).encode()));
    }
}
