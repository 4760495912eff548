package dev.berth.dns.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.berth.ipam.api.IpPrefix;

/** Reads the addresses of upstream resolvers from the configuration or from resolv.conf. */
final class Upstreams {

    static final int DNS_PORT = 53;

    private Upstreams() {
    }

    /**
     * Parses {@code address}, {@code address:port} or {@code [v6address]:port}.
     *
     * @param text the upstream
     * @return the socket address, port 53 unless given
     * @throws IllegalArgumentException when the text is not of that form
     */
    static InetSocketAddress parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("[")) {
                int close = t.indexOf("]:");
                if (close < 0) {
                    throw new IllegalArgumentException("expected [address]:port");
                }
                return new InetSocketAddress(IpPrefix.parseAddress(t.substring(1, close)),
                        port(t.substring(close + 2)));
            }
            int colon = t.indexOf(':');
            if (colon >= 0 && t.indexOf(':', colon + 1) < 0) {
                return new InetSocketAddress(IpPrefix.parseAddress(t.substring(0, colon)),
                        port(t.substring(colon + 1)));
            }
            return new InetSocketAddress(IpPrefix.parseAddress(t), DNS_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("forwarders: '" + text + "' is not address, address:port or "
                    + "[address]:port: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the {@code nameserver} lines of a resolv.conf; scoped IPv6 addresses are skipped.
     *
     * @param file the file; a missing file means no upstream
     * @return the upstreams on port 53, in file order
     * @throws IOException when the file exists but cannot be read
     */
    static List<InetSocketAddress> fromResolvConf(Path file) throws IOException {
        List<InetSocketAddress> upstreams = new ArrayList<>();
        if (!Files.exists(file)) {
            return upstreams;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver") && words[1].indexOf('%') < 0) {
                try {
                    InetAddress address = IpPrefix.parseAddress(words[1]);
                    upstreams.add(new InetSocketAddress(address, DNS_PORT));
                } catch (IllegalArgumentException e) {
                    // resolv.conf is the host's: a line the C library would ignore is ignored here too
                }
            }
        }
        return upstreams;
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("bad port '" + text + "'");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        return port;
    }
}
