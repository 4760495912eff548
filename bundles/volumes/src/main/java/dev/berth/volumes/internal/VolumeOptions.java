package dev.berth.volumes.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.KeyAlgorithm;
import dev.berth.ipam.api.IpPrefix;

/**
 * The options of {@code docker volume create -d berth -o KEY=VALUE}, read strictly: an unknown option, a malformed
 * value or a contradiction is refused with its name. The names and lifetime are then for the certificate manager's
 * policy to allow or refuse.
 *
 * @param dnsNames the DNS names to certify
 * @param ipAddresses the IP addresses to certify
 * @param commonName the subject common name, empty for the set's name
 * @param ttl the certificate's lifetime
 * @param keyAlgorithm the key type
 * @param profile what the certificate is for
 * @param uid owner of the files
 * @param gid group of the files
 * @param keyMode permissions of key.pem
 * @param fileMode permissions of the other files
 * @param dirMode permissions of the volume's root
 * @param existingSet an existing set to mount instead of creating one, or empty
 * @param acme whether the certificate comes from the ACME CA ({@code issuer=acme}) rather than Berth's CA
 */
record VolumeOptions(List<String> dnsNames, List<InetAddress> ipAddresses, String commonName, Duration ttl,
        KeyAlgorithm keyAlgorithm, CertificateProfile profile, int uid, int gid, int keyMode, int fileMode, int dirMode,
        String existingSet, boolean acme) {

    /** Every option, in the order the refusal of an unknown one lists them. */
    static final List<String> KNOWN = List.of("dns", "ip", "cn", "ttl", "key", "profile", "uid", "gid", "mode",
            "file-mode", "dir-mode", "issuer", "set");
    private static final Set<String> NAMING = Set.of("dns", "ip", "cn", "ttl", "key", "profile");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([smhd])");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    VolumeOptions {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /**
     * Reads the options of a new volume.
     *
     * @param options the options as Docker passes them
     * @param settings the driver's settings: default lifetime and key type, poll interval
     * @return the options
     * @throws VolumeRequestException when an option is unknown, malformed or contradicts another
     */
    static VolumeOptions parse(Map<String, String> options, VolumeSettings settings) {
        return read(options, settings, true);
    }

    /**
     * Reads the stored options of an existing volume: as {@link #parse}, without the floor on the lifetime, which
     * depends on a setting that may have changed since.
     *
     * @param options the options the volume was created with
     * @param settings the driver's settings
     * @param ttl the lifetime the volume was created with
     * @return the options
     */
    static VolumeOptions restore(Map<String, String> options, VolumeSettings settings, Duration ttl) {
        VolumeOptions o = read(options, settings, false);
        return new VolumeOptions(o.dnsNames, o.ipAddresses, o.commonName, ttl, o.keyAlgorithm, o.profile, o.uid, o.gid,
                o.keyMode, o.fileMode, o.dirMode, o.existingSet, o.acme);
    }

    private static VolumeOptions read(Map<String, String> options, VolumeSettings settings, boolean newVolume) {
        Map<String, String> o = new TreeMap<>();
        for (var e : options.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(key)) {
                throw new VolumeRequestException("unknown option " + e.getKey() + "; the berth volume driver knows "
                        + String.join(", ", KNOWN) + " (docs/volumes.md)");
            }
            o.put(key, e.getValue() == null ? "" : e.getValue().trim());
        }
        String issuer = o.getOrDefault("issuer", "berth").toLowerCase(Locale.ROOT);
        if (!issuer.equals("berth") && !issuer.equals("acme")) {
            throw new VolumeRequestException("issuer '" + o.get("issuer") + "' is not berth (Berth's CA) or acme "
                    + "(the ACME CA of Berth's ACME client)");
        }
        boolean acme = issuer.equals("acme");
        if (acme) {
            checkAcme(o);
        }
        String set = o.getOrDefault("set", "");
        if (!set.isEmpty()) {
            if (!SET_NAME.matcher(set).matches() || set.contains("..")) {
                throw new VolumeRequestException("set '" + set + "' is not a certificate set name");
            }
            List<String> naming = o.keySet().stream().filter(NAMING::contains).toList();
            if (!naming.isEmpty()) {
                throw new VolumeRequestException("set=" + set + " mounts an existing certificate set as it is; "
                        + "options " + naming + " apply only to a certificate the volume gets of its own");
            }
        }
        List<String> dns = dnsNames(o.getOrDefault("dns", ""));
        List<InetAddress> ips = addresses(o.getOrDefault("ip", ""));
        CertificateProfile profile = profile(o.getOrDefault("profile", "server"));
        if (set.isEmpty() && profile.server() && dns.isEmpty() && ips.isEmpty()) {
            throw new VolumeRequestException("a berth volume needs the names of its certificate: -o dns=NAME[,NAME] "
                    + "and/or -o ip=ADDRESS[,ADDRESS] (or -o set=SET for an existing certificate set)");
        }
        Duration ttl = o.containsKey("ttl") ? duration(o.get("ttl")) : settings.defaultTtl();
        Duration shortest = settings.pollInterval().multipliedBy(10);
        if (newVolume && !acme && ttl.compareTo(shortest) < 0) {
            throw new VolumeRequestException("ttl " + o.get("ttl") + " is too short to be renewed in time: the driver "
                    + "checks every " + settings.pollInterval().toSeconds() + " s, so the lifetime must be at least "
                    + shortest.toSeconds() + " s");
        }
        KeyAlgorithm key;
        try {
            key = o.containsKey("key") ? KeyAlgorithm.parse(o.get("key")) : settings.keyAlgorithm();
        } catch (IllegalArgumentException e) {
            throw new VolumeRequestException("key: " + e.getMessage());
        }
        int keyMode = mode("mode", o.getOrDefault("mode", "0600"));
        if ((keyMode & 0077) != 0) {
            throw new VolumeRequestException("mode " + o.get("mode") + " would let others than the owner read the "
                    + "private key; key.pem is for its owner only (choose the owner with uid and gid)");
        }
        return new VolumeOptions(dns, ips, commonName(o.getOrDefault("cn", "")), ttl, key, profile,
                id("uid", o.getOrDefault("uid", "0")), id("gid", o.getOrDefault("gid", "0")), keyMode,
                mode("file-mode", o.getOrDefault("file-mode", "0644")), mode("dir-mode", o.getOrDefault("dir-mode", "0700")),
                set, acme);
    }

    /** The ACME CA certifies DNS names it validated with http-01, for the lifetime it chooses, as a server. */
    private static void checkAcme(Map<String, String> o) {
        if (o.getOrDefault("dns", "").isEmpty()) {
            throw new VolumeRequestException("issuer=acme needs the DNS names of the certificate: -o dns=NAME[,NAME], "
                    + "names the ACME CA can reach this host's http-01 responder by");
        }
        if (o.containsKey("ip")) {
            throw new VolumeRequestException("ip: an ACME CA certifies DNS names only (issuer=acme validates them with "
                    + "http-01); IP addresses need issuer=berth");
        }
        if (o.containsKey("ttl")) {
            throw new VolumeRequestException("ttl: with issuer=acme the ACME CA decides the certificate's lifetime; "
                    + "leave ttl out (the driver renews at BERTH_VOLUMES_RENEW_AT_PERCENT of the lifetime it gets)");
        }
        if (o.containsKey("cn")) {
            throw new VolumeRequestException("cn: with issuer=acme the common name is the first DNS name");
        }
        if (o.containsKey("set")) {
            throw new VolumeRequestException("set mounts a certificate set of Berth's CA; issuer=acme gets a "
                    + "certificate of its own");
        }
        if (!o.getOrDefault("profile", "server").equalsIgnoreCase("server")) {
            throw new VolumeRequestException("profile: issuer=acme gives server certificates only");
        }
        if (split(o.get("dns")).stream().anyMatch(n -> n.startsWith("*"))) {
            throw new VolumeRequestException("dns: a wildcard name needs the dns-01 challenge, which Berth's ACME "
                    + "client does not do yet; issuer=acme takes exact names");
        }
    }

    private static List<String> dnsNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : split(text)) {
            String n = raw.toLowerCase(Locale.ROOT);
            n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
            String body = n.startsWith("*.") ? n.substring(2) : n;
            if (n.isEmpty() || n.length() > 253
                    || !Arrays.stream(body.split("\\.", -1)).allMatch(l -> DNS_LABEL.matcher(l).matches())) {
                throw new VolumeRequestException("dns: '" + raw + "' is not a DNS name");
            }
            names.add(n);
        }
        if (names.size() > 100) {
            throw new VolumeRequestException("dns: at most 100 names");
        }
        return List.copyOf(names);
    }

    private static List<InetAddress> addresses(String text) {
        List<InetAddress> out = new ArrayList<>();
        for (String raw : split(text)) {
            try {
                InetAddress a = IpPrefix.parseAddress(raw);
                if (!out.contains(a)) {
                    out.add(a);
                }
            } catch (IllegalArgumentException e) {
                throw new VolumeRequestException("ip: '" + raw + "' is not an IP address");
            }
        }
        return out;
    }

    private static CertificateProfile profile(String text) {
        try {
            return CertificateProfile.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new VolumeRequestException("profile '" + text + "' is not server, client or peer");
        }
    }

    private static String commonName(String text) {
        if (text.length() > 64 || !text.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
            throw new VolumeRequestException("cn must be at most 64 printable ASCII characters");
        }
        return text;
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 30d}, or ISO-8601 such as {@code PT12H}. */
    static Duration duration(String text) {
        var m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new VolumeRequestException("ttl '" + text + "' is not a lifetime such as 90s, 30m, 12h, 30d or PT12H");
    }

    private static int mode(String option, String text) {
        if (!MODE.matcher(text).matches()) {
            throw new VolumeRequestException(option + " '" + text + "' is not an octal mode such as 0600");
        }
        return Integer.parseInt(text, 8);
    }

    private static int id(String option, String text) {
        try {
            int id = Integer.parseInt(text);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new VolumeRequestException(option + " '" + text + "' is not a numeric user or group ID");
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Tells whether the volume mounts an existing set rather than one of its own. */
    boolean mountsExistingSet() {
        return !existingSet.isEmpty();
    }
}
