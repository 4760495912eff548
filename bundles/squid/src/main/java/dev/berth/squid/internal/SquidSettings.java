package dev.berth.squid.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The proxy's settings, checked.
 *
 * @param enabled whether Squid and the ICAP service run
 * @param binary the squid executable
 * @param runtimeDir Berth's memory-backed runtime directory
 * @param dataDir Berth's data directory
 * @param httpAddress the proxy's bind address
 * @param httpPort the proxy's port
 * @param allowedClients the client networks allowed
 * @param cacheMemMb the memory cache in MiB
 * @param cacheDiskMb the disk cache in MiB, 0 for none
 * @param maxObjectKb the largest cached object in KiB
 * @param icapAddress the ICAP service's address
 * @param icapPort the ICAP service's port
 * @param icapTls whether ICAP runs over TLS
 * @param icapBypass whether Squid bypasses a failed ICAP service
 * @param detectOnly whether WAF matches are only recorded
 * @param rulesFile the rule file, or empty for the built-in rules
 * @param disabledRules rule identifiers not applied
 * @param bodyLimit the bytes of a body inspected
 * @param preview the ICAP preview size
 * @param incidentsKept the incidents kept in memory
 * @param effectiveUser Squid's user when run by root
 * @param requireMemoryFs whether the key directory must be memory-backed
 * @param timeout how long Squid may take for one operation
 * @param reverse the reverse-proxy mode
 */
record SquidSettings(boolean enabled, Path binary, Path runtimeDir, Path dataDir, String httpAddress, int httpPort,
        List<String> allowedClients, int cacheMemMb, int cacheDiskMb, int maxObjectKb, String icapAddress,
        int icapPort, boolean icapTls, boolean icapBypass, boolean detectOnly, Optional<Path> rulesFile,
        Set<String> disabledRules, int bodyLimit, int preview, int incidentsKept, String effectiveUser,
        boolean requireMemoryFs, Duration timeout, ReverseSettings reverse) {

    private static final String PID = "dev.berth.squid: ";

    SquidSettings {
        allowedClients = List.copyOf(allowedClients);
        disabledRules = Set.copyOf(disabledRules);
        port("http.port", httpPort);
        port("icap.port", icapPort);
        address("http.address", httpAddress);
        InetAddress icap = address("icap.address", icapAddress);
        if (!icapTls && !icap.isLoopbackAddress()) {
            throw new IllegalArgumentException(PID + "plain ICAP (icap.tls=false) must bind a loopback address, not "
                    + icapAddress);
        }
        if (!runtimeDir.isAbsolute() || !dataDir.isAbsolute()) {
            throw new IllegalArgumentException(PID + "runtime.dir and data.dir must be absolute paths");
        }
        for (String c : allowedClients) {
            if (!c.matches("[0-9a-fA-F.:]+(/\\d{1,3})?")) {
                throw new IllegalArgumentException(PID + "allowed.clients: not an address or CIDR: " + c);
            }
        }
        if (allowedClients.isEmpty()) {
            throw new IllegalArgumentException(PID + "allowed.clients is empty: nobody could use the proxy");
        }
        if (cacheMemMb < 1 || cacheDiskMb < 0 || maxObjectKb < 1 || bodyLimit < 1024 || preview < 0
                || incidentsKept < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PID + "cache.mem.mb, max.object.kb, waf.incidents.kept and "
                    + "timeout.seconds must be positive, cache.disk.mb and icap.preview not negative, "
                    + "waf.body.limit at least 1024");
        }
        checkReverse(reverse);
        if (!effectiveUser.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException(PID + "effective.user is not a user name: " + effectiveUser);
        }
        rulesFile.ifPresent(f -> {
            if (!Files.isReadable(f)) {
                throw new IllegalArgumentException(PID + "waf.rules.file cannot be read: " + f);
            }
        });
    }

    static SquidSettings from(SquidConfiguration c) {
        String mode = c.waf_mode().trim();
        if (!"block".equals(mode) && !"detect".equals(mode)) {
            throw new IllegalArgumentException(PID + "waf.mode must be block or detect, not " + mode);
        }
        String rules = c.waf_rules_file().trim();
        return new SquidSettings(c.enabled(), Path.of(c.squid_binary().trim()), Path.of(c.runtime_dir().trim()),
                Path.of(c.data_dir().trim()), c.http_address().trim(), c.http_port(), list(c.allowed_clients()),
                c.cache_mem_mb(), c.cache_disk_mb(), c.max_object_kb(), c.icap_address().trim(), c.icap_port(),
                c.icap_tls(), c.icap_bypass(), "detect".equals(mode),
                rules.isEmpty() ? Optional.empty() : Optional.of(Path.of(rules)), Set.copyOf(list(c.waf_disabled_rules())),
                c.waf_body_limit(), c.icap_preview(), c.waf_incidents_kept(), c.effective_user().trim(),
                c.require_memory_fs(), Duration.ofSeconds(c.timeout_seconds()),
                new ReverseSettings(c.reverse_enabled(), c.reverse_address().trim(), c.reverse_http_port(),
                        c.reverse_https_port(), c.reverse_network().trim()));
    }

    /** Values of a list setting; a single value may also hold several separated by commas or spaces. */
    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).flatMap(v -> Arrays.stream(v.split("[,\\s]+")))
                .map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    }

    Path workDir() {
        return runtimeDir.resolve("squid");
    }

    Path tlsDir() {
        return workDir().resolve("tls");
    }

    Path configFile() {
        return workDir().resolve("squid.conf");
    }

    Path pidFile() {
        return workDir().resolve("squid.pid");
    }

    Path cacheDir() {
        return dataDir.resolve("squid").resolve("cache");
    }

    Path logDir() {
        return dataDir.resolve("squid").resolve("logs");
    }

    private static void checkReverse(ReverseSettings r) {
        address("reverse.address", r.address());
        for (int port : new int[] {r.httpPort(), r.httpsPort()}) {
            if (port != 0) {
                port("reverse.http.port and reverse.https.port", port);
            }
        }
        if (r.enabled() && r.httpPort() == 0 && r.httpsPort() == 0) {
            throw new IllegalArgumentException(PID + "reverse.enabled needs reverse.http.port or reverse.https.port");
        }
        if (r.httpPort() != 0 && r.httpPort() == r.httpsPort()) {
            throw new IllegalArgumentException(PID + "reverse.http.port and reverse.https.port are the same port");
        }
        if (!r.network().isEmpty() && !r.network().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(PID + "reverse.network is not a network name: " + r.network());
        }
    }

    private static void port(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PID + name + " must be 1 to 65535, not " + port);
        }
    }

    private static InetAddress address(String name, String value) {
        if (!value.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException(PID + name + " must be an IP address, not " + value);
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(PID + name + " must be an IP address, not " + value, e);
        }
    }
}
