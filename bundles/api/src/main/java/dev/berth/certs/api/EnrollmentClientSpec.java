package dev.berth.certs.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A client allowed to enroll, and what it may get.
 *
 * @param clientId the identity; its certificates carry it as common name
 * @param allowedDnsNames DNS name patterns it may ask for: an exact name, {@code *.example} (one label) or
 *     {@code **.example} (any depth); empty allows none
 * @param allowedIpRanges IP ranges in CIDR notation it may ask for; empty allows none
 * @param maxTtl the longest lifetime it may ask for; {@code null} for the server's maximum
 * @param profile what its certificates are for
 */
public record EnrollmentClientSpec(String clientId, List<String> allowedDnsNames, List<String> allowedIpRanges,
        Duration maxTtl, CertificateProfile profile) {

    /**
     * Validates and copies.
     *
     * @param clientId the identity
     * @param allowedDnsNames the DNS patterns
     * @param allowedIpRanges the CIDR ranges
     * @param maxTtl the longest lifetime, or {@code null}
     * @param profile the profile
     */
    public EnrollmentClientSpec {
        Names.identifier("client identity", clientId);
        allowedDnsNames = List.copyOf(allowedDnsNames);
        allowedIpRanges = List.copyOf(allowedIpRanges);
        Objects.requireNonNull(profile, "profile");
    }
}
