package dev.berth.volumes.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * The volume driver as a client of the certificate manager.
 *
 * @param clientId its enrollment identity: the common name of its client certificate
 * @param enrollServer where it enrolls
 * @param webdavServer where it reads certificate sets (WebDAV) and creates them (REST), over mutual TLS
 * @param enrolled whether it holds a client certificate now
 * @param clientCertificateExpiry when that certificate expires, or {@code null}
 * @param pollInterval how often mounted volumes are checked for renewed certificates
 * @param mountedVolumes how many volumes are mounted on this host
 * @param lastError the last failure to enroll or to reach the certificate manager, empty when none
 */
public record DriverStatus(String clientId, URI enrollServer, URI webdavServer, boolean enrolled,
        Instant clientCertificateExpiry, Duration pollInterval, int mountedVolumes, String lastError) {
}
