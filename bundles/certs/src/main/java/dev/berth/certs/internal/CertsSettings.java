package dev.berth.certs.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.berth.certs.api.KeyAlgorithm;

/** The certificate manager's settings, checked; built from the configuration or directly by tests. */
record CertsSettings(Path dataDir, String masterKey, Path masterKeyFile, boolean createMasterKey, String caName,
        KeyAlgorithm caAlgorithm, Duration rootValidity, Duration issuingValidity, SetManager.Defaults defaults,
        Duration renewCheck, Duration crlValidity, Duration ledgerRetention, NamePolicy enrollmentPolicy,
        Duration enrollWindow, String bind, int webdavPort, int enrollPort, List<String> serverDns,
        List<InetAddress> serverIps, Set<String> admins, int maxFileBytes, String node) {

    /** The certificate set of the certificate manager's own HTTPS listeners. */
    static final String SERVER_SET = "berth-certs";

    Path vaultDir() {
        return dataDir.resolve("certs");
    }

    static CertsSettings from(CertsConfiguration c) {
        if (c.data_dir().isBlank()) {
            throw new IllegalArgumentException("dev.berth.certs: data.dir must not be empty");
        }
        if (c.ttl_hours() < 1 || c.max_ttl_hours() < c.ttl_hours() || c.ca_root_days() < 1
                || c.ca_issuing_days() < 1 || c.ca_issuing_days() > c.ca_root_days()) {
            throw new IllegalArgumentException("dev.berth.certs: need 1 <= ttl.hours <= max.ttl.hours and "
                    + "1 <= ca.issuing.days <= ca.root.days");
        }
        if (c.renew_at_percent() < 10 || c.renew_at_percent() > 95 || c.renew_check_seconds() < 1
                || c.crl_hours() < 1 || c.enroll_window_seconds() < 1 || c.ledger_retention_days() < 0
                || c.webdav_max_file_bytes() < 1) {
            throw new IllegalArgumentException("dev.berth.certs: renew.at.percent must be within 10..95 and "
                    + "renew.check.seconds, crl.hours, enroll.window.seconds, webdav.max.file.bytes positive");
        }
        checkPort("webdav.port", c.webdav_port());
        checkPort("enroll.port", c.enroll_port());
        Duration maxTtl = Duration.ofHours(c.max_ttl_hours());
        return new CertsSettings(Path.of(c.data_dir()).toAbsolutePath(), c.master_key().trim(),
                Path.of(c.master_key_file()), c.master_key_create(), c.ca_name().trim(),
                KeyAlgorithm.parse(c.ca_key_algorithm()), Duration.ofDays(c.ca_root_days()),
                Duration.ofDays(c.ca_issuing_days()), new SetManager.Defaults(KeyAlgorithm.parse(c.key_algorithm()),
                        Duration.ofHours(c.ttl_hours()), maxTtl, c.renew_at_percent() / 100.0),
                Duration.ofSeconds(c.renew_check_seconds()), Duration.ofHours(c.crl_hours()),
                Duration.ofDays(c.ledger_retention_days()),
                NamePolicy.parse(values(c.policy_dns()), values(c.policy_ip()), maxTtl),
                Duration.ofSeconds(c.enroll_window_seconds()), c.https_bind().trim(), c.webdav_port(), c.enroll_port(),
                values(c.server_dns()), values(c.server_ip()).stream().map(CertsSettings::address).toList(),
                Set.copyOf(values(c.webdav_admins())), c.webdav_max_file_bytes(),
                c.node_name().isBlank() ? hostName() : c.node_name().trim());
    }

    /** Configuration arrays from a .cfg file may arrive as one comma-separated value. */
    static List<String> values(String[] configured) {
        return Arrays.stream(configured).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
    }

    private static void checkPort(String name, int port) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("dev.berth.certs: " + name + " must be -1 (off), 0 (any) or a port");
        }
    }

    private static InetAddress address(String literal) {
        try {
            return Addresses.literal(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("dev.berth.certs: server.ip: " + e.getMessage(), e);
        }
    }

    static String hostName() {
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
