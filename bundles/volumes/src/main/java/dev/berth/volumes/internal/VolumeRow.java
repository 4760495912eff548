package dev.berth.volumes.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A volume as the store keeps it.
 *
 * @param name the Docker volume name
 * @param ca the certificate manager that holds its set: the fingerprint of its root; {@code acme} for a volume
 *     whose certificate comes from the ACME CA
 * @param setName the certificate set its files come from, empty for an ACME volume
 * @param ownsSet whether the driver created the set for it
 * @param options the options it was created with
 * @param ttl the lifetime of its certificate (for an ACME volume: of its first certificate, as the CA chose)
 * @param serial the serial number of the certificate last seen, or empty
 * @param notAfter its expiry, or {@code null}
 * @param subjectNames its DNS names and addresses
 * @param createdAt when the volume was created
 * @param mounts the Docker callers holding it mounted
 */
record VolumeRow(String name, String ca, String setName, boolean ownsSet, Map<String, String> options, Duration ttl,
        String serial, Instant notAfter, List<String> subjectNames, Instant createdAt, List<String> mounts) {

    VolumeRow {
        options = Map.copyOf(options);
        subjectNames = List.copyOf(subjectNames);
        mounts = List.copyOf(mounts);
    }

    /** Tells whether the volume's certificate comes from the ACME CA rather than from a certificate set. */
    boolean acme() {
        return AcmeCertificates.CA.equals(ca);
    }

    /** Who issues the volume's certificate: {@code berth} or {@code acme}. */
    String issuer() {
        return acme() ? "acme" : "berth";
    }
}
