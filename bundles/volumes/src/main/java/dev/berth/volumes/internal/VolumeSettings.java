package dev.berth.volumes.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import dev.berth.certs.api.KeyAlgorithm;

/**
 * The volume driver's settings, checked; built from the configuration or directly by tests.
 *
 * @param runtimeDir the memory-backed directory whose {@code volumes/} holds the mount points
 * @param hostName this host in the store
 * @param clientId the enrollment identity
 * @param psk the pre-shared key, or empty to register with the local certificate manager
 * @param enrollServer the enrollment listener
 * @param webdavServer the mutual-TLS listener
 * @param pollInterval between checks of mounted volumes
 * @param resyncInterval between full reads of a mounted volume
 * @param renewFraction after which share of its lifetime the driver renews a set it owns
 * @param defaultTtl the lifetime of volumes without a ttl option
 * @param maxTtl the longest lifetime, when the driver registers itself
 * @param allowedDns the DNS patterns, when the driver registers itself
 * @param allowedIp the IP ranges, when the driver registers itself
 * @param keyAlgorithm the key type of the client certificate and the default of volumes
 * @param tmpfsSize the size of a volume's tmpfs
 * @param reloadLabel the container label naming the signal to send after a replacement
 * @param timeout of a request to the certificate manager
 */
record VolumeSettings(Path runtimeDir, String hostName, String clientId, byte[] psk, URI enrollServer,
        URI webdavServer, Duration pollInterval, Duration resyncInterval, double renewFraction, Duration defaultTtl,
        Duration maxTtl, List<String> allowedDns, List<String> allowedIp, KeyAlgorithm keyAlgorithm, String tmpfsSize,
        String reloadLabel, Duration timeout) {

    static VolumeSettings from(VolumesConfiguration c) {
        String prefix = "dev.berth.volumes: ";
        if (c.runtime_dir().isBlank() || !Path.of(c.runtime_dir()).isAbsolute()) {
            throw new IllegalArgumentException(prefix + "runtime.dir must be an absolute path");
        }
        if (c.poll_seconds() < 1 || c.resync_seconds() < c.poll_seconds() || c.timeout_seconds() < 1) {
            throw new IllegalArgumentException(prefix + "need poll.seconds >= 1, resync.seconds >= poll.seconds and "
                    + "timeout.seconds >= 1");
        }
        if (c.renew_at_percent() < 10 || c.renew_at_percent() > 95) {
            throw new IllegalArgumentException(prefix + "renew.at.percent must be within 10..95");
        }
        if (c.ttl_hours() < 1 || c.max_ttl_hours() < c.ttl_hours()) {
            throw new IllegalArgumentException(prefix + "need 1 <= ttl.hours <= max.ttl.hours");
        }
        if (!c.tmpfs_size().trim().matches("[1-9][0-9]{0,9}[kmg]?")) {
            throw new IllegalArgumentException(prefix + "tmpfs.size must be a size such as 1m or 512k, not '"
                    + c.tmpfs_size() + "'");
        }
        if (!c.client_id().trim().matches("[a-z0-9][a-z0-9._-]{0,39}") || c.client_id().contains("..")) {
            throw new IllegalArgumentException(prefix + "client.id must be 1 to 40 lower-case letters, digits, '.', '_' "
                    + "or '-' (it prefixes the names of the driver's certificate sets), not '" + c.client_id() + "'");
        }
        byte[] psk;
        try {
            psk = Base64.getDecoder().decode(c.psk().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "psk is not base64", e);
        }
        if (psk.length != 0 && psk.length < 32) {
            throw new IllegalArgumentException(prefix + "psk must be the 32-byte key cert:enroll-add printed");
        }
        return new VolumeSettings(Path.of(c.runtime_dir()), c.host_name().isBlank() ? kernelHostName() : c.host_name().trim(),
                c.client_id().trim(), psk, server(c.enroll_url(), c.enroll_port(), "enroll.url"),
                server(c.webdav_url(), c.webdav_port(), "webdav.url"), Duration.ofSeconds(c.poll_seconds()),
                Duration.ofSeconds(c.resync_seconds()), c.renew_at_percent() / 100.0, Duration.ofHours(c.ttl_hours()),
                Duration.ofHours(c.max_ttl_hours()), values(c.allowed_dns()), values(c.allowed_ip()),
                KeyAlgorithm.parse(c.key_algorithm()), c.tmpfs_size().trim(), c.reload_label().trim(),
                Duration.ofSeconds(c.timeout_seconds()));
    }

    /** Where the volumes are mounted. */
    Path volumesDir() {
        return runtimeDir.resolve("volumes");
    }

    /** Whether the driver registers itself with the certificate manager of this Berth. */
    boolean registersItself() {
        return psk.length == 0;
    }

    private static URI server(String url, int port, String name) {
        String u = url.trim();
        if (u.isEmpty()) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("dev.berth.volumes: " + name + " is empty and the port " + port
                        + " is not a port");
            }
            return URI.create("https://127.0.0.1:" + port + "/");
        }
        URI uri = URI.create(u.endsWith("/") ? u : u + "/");
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("dev.berth.volumes: " + name + " must be an https:// address, not '"
                    + url + "'");
        }
        return uri;
    }

    /** Configuration arrays from a .cfg file may arrive as one comma-separated value. */
    static List<String> values(String[] configured) {
        return Arrays.stream(configured).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
    }

    static String kernelHostName() {
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return "VolumeSettings[" + clientId + ", " + enrollServer + ", " + webdavServer + "]";
    }
}
