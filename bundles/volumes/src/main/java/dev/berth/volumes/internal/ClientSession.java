package dev.berth.volumes.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.EnrollmentClient;
import dev.berth.certs.api.EnrollmentRequest;

/**
 * The driver's identity at the certificate manager: a client certificate obtained by sealed-CSR enrollment with
 * the pre-shared key, held in memory only, and enrolled again once two thirds of its lifetime have passed (or
 * after a failure). Its key never leaves this object but as the {@link CertificateMaterial} of a TLS context.
 */
final class ClientSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final VolumeSettings settings;
    private final EnrollmentClient enrollment;
    private final Supplier<byte[]> psk;
    private final Clock clock;
    private CertificateMaterial material;
    private Instant renewAt = Instant.MIN;
    private Instant retryAt = Instant.MIN;
    private String lastError = "";

    ClientSession(VolumeSettings settings, EnrollmentClient enrollment, Supplier<byte[]> psk, Clock clock) {
        this.settings = settings;
        this.enrollment = enrollment;
        this.psk = psk;
        this.clock = clock;
    }

    /**
     * Returns the current client certificate, enrolling first when there is none or it is due.
     *
     * @return the material
     * @throws CertificateManagerException when enrollment fails and no valid certificate is left
     */
    synchronized CertificateMaterial material() {
        Instant now = clock.instant();
        if (material != null && now.isBefore(renewAt)) {
            return material;
        }
        if (material != null && now.isBefore(retryAt)) {
            return material; // a renewal failed a moment ago; the certificate is still valid
        }
        if (material == null && now.isBefore(retryAt)) {
            throw new CertificateManagerException(CertificateManagerException.Reason.UNAVAILABLE, "the volume driver "
                    + "has not enrolled with the certificate manager at " + settings.enrollServer() + ": " + lastError);
        }
        try {
            CertificateMaterial fresh = enrollment.enroll(new EnrollmentRequest(settings.enrollServer(),
                    settings.clientId(), psk.get(), List.of(), List.of(), null, settings.keyAlgorithm(),
                    settings.timeout()));
            Instant notBefore = fresh.certificate().getNotBefore().toInstant();
            Instant notAfter = fresh.certificate().getNotAfter().toInstant();
            // from now rather than from notBefore, which the CA backdates
            renewAt = now.plus(Duration.between(now, notAfter).multipliedBy(2).dividedBy(3));
            material = fresh;
            lastError = "";
            LOG.info("The volume driver enrolled as {} at {}: certificate {} valid {} to {}", settings.clientId(),
                    settings.enrollServer(), fresh.certificate().getSerialNumber().toString(16), notBefore, notAfter);
            return fresh;
        } catch (CertificateManagerException | IllegalStateException e) {
            lastError = e.getMessage();
            retryAt = now.plus(RETRY);
            boolean valid = material != null && now.isBefore(material.certificate().getNotAfter().toInstant());
            LOG.warn("The volume driver could not enroll as {} at {}: {}{}", settings.clientId(),
                    settings.enrollServer(), e.getMessage(), valid ? " (its certificate is still valid)" : "");
            if (valid) {
                return material;
            }
            material = null;
            throw e instanceof CertificateManagerException c ? c : new CertificateManagerException(
                    CertificateManagerException.Reason.UNAVAILABLE, e.getMessage(), e);
        }
    }

    /** Forgets the certificate, so that the next call enrolls again (after the server refused it). */
    synchronized void reset() {
        material = null;
        renewAt = Instant.MIN;
        retryAt = Instant.MIN;
    }

    synchronized Optional<CertificateMaterial> current() {
        return Optional.ofNullable(material);
    }

    synchronized String lastError() {
        return lastError;
    }
}
