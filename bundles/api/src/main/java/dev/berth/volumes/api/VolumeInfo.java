package dev.berth.volumes.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A certificate volume.
 *
 * @param name the Docker volume name
 * @param issuer who issues its certificate: {@code berth} (Berth's CA, through a certificate set) or {@code acme}
 *     (the ACME CA of Berth's ACME client)
 * @param setName the certificate set its files come from, empty for an {@code acme} volume
 * @param ownsSet whether the driver created the set for this volume (it is then deleted, and its certificate
 *     revoked, with the last volume using it)
 * @param options the options the volume was created with ({@code docker volume create -o})
 * @param subjectNames the DNS names and IP addresses of the current certificate
 * @param serial the serial number of the current certificate in hexadecimal, empty when not known yet
 * @param notAfter when the current certificate expires, or {@code null} when not known yet
 * @param mountpoint the host directory Docker mounts, empty when the volume is not mounted
 * @param mounts how many mounts (Docker callers) hold the volume
 * @param containers the names of the containers using the volume, as Docker reports them
 * @param createdAt when the volume was created
 * @param lastRefresh when its files were last checked against the certificate manager, or {@code null}
 * @param lastError why the last check failed, empty when it succeeded
 */
public record VolumeInfo(String name, String issuer, String setName, boolean ownsSet, Map<String, String> options,
        List<String> subjectNames, String serial, Instant notAfter, String mountpoint, int mounts,
        List<String> containers, Instant createdAt, Instant lastRefresh, String lastError) {

    /**
     * Copies the collections.
     *
     * @param name the name
     * @param issuer berth or acme
     * @param setName the set
     * @param ownsSet whether the driver created the set
     * @param options the options
     * @param subjectNames the certificate's names
     * @param serial the serial number
     * @param notAfter the expiry
     * @param mountpoint the mount point
     * @param mounts the mount count
     * @param containers the containers
     * @param createdAt the creation time
     * @param lastRefresh the last check
     * @param lastError the last failure
     */
    public VolumeInfo {
        options = Map.copyOf(options);
        subjectNames = List.copyOf(subjectNames);
        containers = List.copyOf(containers);
    }

    /**
     * A volume of Berth's CA, as before the issuer was recorded.
     *
     * @param name the name
     * @param setName the set
     * @param ownsSet whether the driver created the set
     * @param options the options
     * @param subjectNames the certificate's names
     * @param serial the serial number
     * @param notAfter the expiry
     * @param mountpoint the mount point
     * @param mounts the mount count
     * @param containers the containers
     * @param createdAt the creation time
     * @param lastRefresh the last check
     * @param lastError the last failure
     */
    public VolumeInfo(String name, String setName, boolean ownsSet, Map<String, String> options,
            List<String> subjectNames, String serial, Instant notAfter, String mountpoint, int mounts,
            List<String> containers, Instant createdAt, Instant lastRefresh, String lastError) {
        this(name, "berth", setName, ownsSet, options, subjectNames, serial, notAfter, mountpoint, mounts, containers,
                createdAt, lastRefresh, lastError);
    }
}
