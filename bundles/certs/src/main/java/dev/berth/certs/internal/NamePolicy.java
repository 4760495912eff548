package dev.berth.certs.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;

/**
 * Which names, addresses and lifetimes a requester may get. DNS patterns: an exact name, {@code *.domain} (any
 * one label, or exactly the wildcard name {@code *.domain}), {@code **.domain} (any number of labels).
 *
 * @param dnsPatterns the DNS patterns
 * @param ipRanges the address ranges
 * @param maxTtl the longest lifetime
 */
record NamePolicy(List<String> dnsPatterns, List<IpRange> ipRanges, Duration maxTtl) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    NamePolicy {
        dnsPatterns = dnsPatterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty())
                .toList();
        for (String p : dnsPatterns) {
            String rest = p.startsWith("**.") ? p.substring(3) : p.startsWith("*.") ? p.substring(2) : p;
            checkDnsName(rest);
        }
        ipRanges = List.copyOf(ipRanges);
    }

    static NamePolicy parse(List<String> dnsPatterns, List<String> ipRanges, Duration maxTtl) {
        return new NamePolicy(dnsPatterns, ipRanges.stream().filter(r -> !r.isBlank()).map(IpRange::parse).toList(),
                maxTtl);
    }

    /** Refuses the first name, address or lifetime the policy does not allow, saying which and why. */
    void check(String requester, List<String> dnsNames, List<InetAddress> addresses, Duration ttl) {
        for (String name : dnsNames) {
            if (dnsPatterns.stream().noneMatch(p -> matches(p, name))) {
                throw new CertificateManagerException(Reason.POLICY, requester + " may not get a certificate for '"
                        + name + "': allowed DNS names are " + (dnsPatterns.isEmpty() ? "none" : dnsPatterns));
            }
        }
        for (InetAddress address : addresses) {
            if (ipRanges.stream().noneMatch(r -> r.contains(address))) {
                throw new CertificateManagerException(Reason.POLICY, requester + " may not get a certificate for "
                        + address.getHostAddress() + ": allowed address ranges are "
                        + (ipRanges.isEmpty() ? "none" : ipRanges));
            }
        }
        if (ttl.compareTo(maxTtl) > 0) {
            throw new CertificateManagerException(Reason.POLICY, requester + " may not get a lifetime of " + ttl
                    + ": the longest allowed is " + maxTtl);
        }
    }

    static boolean matches(String pattern, String name) {
        if (pattern.startsWith("**.")) {
            String suffix = pattern.substring(2);
            return name.endsWith(suffix) && name.length() > suffix.length() && !name.startsWith("*");
        }
        if (pattern.startsWith("*.")) {
            if (name.equals(pattern)) {
                return true;
            }
            String suffix = pattern.substring(1);
            String head = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : "";
            return !head.isEmpty() && !head.contains(".") && !head.equals("*");
        }
        return pattern.equals(name);
    }

    /**
     * Checks and normalizes a requested DNS name: lower case, letters-digits-hyphens labels, at most 253
     * characters; a leading {@code *.} label is allowed (whether it is granted is for the patterns to say).
     */
    static String checkDnsName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        String body = n.startsWith("*.") ? n.substring(2) : n;
        if (n.isEmpty() || n.length() > 253 || !java.util.Arrays.stream(body.split("\\.", -1))
                .allMatch(l -> LABEL.matcher(l).matches())) {
            throw new CertificateManagerException(Reason.INVALID, "'" + name + "' is not a valid DNS name");
        }
        return n;
    }
}
