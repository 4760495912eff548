package dev.berth.frr.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import dev.berth.ipam.api.IpPrefix;

/**
 * The settings of routing between nodes, checked: a bad value throws with the setting's name, so the component
 * never starts half-configured and no configuration is written.
 *
 * @param enabled whether FRR runs
 * @param asn the cluster's AS number
 * @param routerId the BGP router ID, empty to let FRR choose
 * @param peers the other nodes' addresses
 * @param password the TCP-MD5 password, empty for none
 * @param bfd whether BFD watches the sessions
 * @param keepalive the keepalive interval
 * @param hold the hold time
 * @param frrDir the directory of zebra, bgpd, bfdd and frr-reload.py
 * @param vtysh the vtysh executable
 * @param runtimeDir Berth's runtime directory; FRR works in its {@code frr/}
 * @param user the user and group the daemons drop to
 * @param netns the network namespace the daemons run in, empty for the host's
 * @param poll the interval between reads of the networks
 * @param timeout how long one FRR operation may take
 */
record FrrSettings(boolean enabled, long asn, Optional<InetAddress> routerId, List<InetAddress> peers,
        String password, boolean bfd, Duration keepalive, Duration hold, Path frrDir, Path vtysh, Path runtimeDir,
        String user, String netns, Duration poll, Duration timeout) {

    static final String PID = "dev.berth.frr";
    static final long MAX_ASN = 4_294_967_295L;

    FrrSettings {
        peers = List.copyOf(peers);
        if (asn < 1 || asn > MAX_ASN) {
            throw invalid("asn must be 1 to " + MAX_ASN + ", not " + asn);
        }
        if (routerId.isPresent() && (!(routerId.get() instanceof Inet4Address) || routerId.get().isAnyLocalAddress())) {
            throw invalid("router.id must be an IPv4 address, not " + IpPrefix.format(routerId.get()));
        }
        if (new LinkedHashSet<>(peers).size() != peers.size()) {
            throw invalid("peers names an address twice: " + peers.stream().map(IpPrefix::format).toList());
        }
        for (InetAddress p : peers) {
            if (p.isAnyLocalAddress() || p.isLoopbackAddress() || p.isMulticastAddress() || p.isLinkLocalAddress()) {
                throw invalid("peer " + IpPrefix.format(p) + " is not a unicast address another node can have");
            }
        }
        if (password.length() > 80 || !password.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw invalid("password must be at most 80 printable ASCII characters without spaces");
        }
        long k = keepalive.toSeconds();
        long h = hold.toSeconds();
        if (k < 1 || k > 65535 || h != 0 && (h < 3 || h > 65535 || h < 3 * k)) {
            throw invalid("keepalive.seconds must be 1 to 65535 and hold.seconds 0 or 3 to 65535 and at least "
                    + "three keepalives, not " + k + " and " + h);
        }
        if (!runtimeDir.isAbsolute() || !frrDir.isAbsolute() || !vtysh.isAbsolute()) {
            throw invalid("runtime.dir, frr.dir and vtysh must be absolute paths");
        }
        if (!user.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw invalid("user must be a system user name, not '" + user + "'");
        }
        if (!netns.isEmpty() && !netns.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw invalid("netns must be a network namespace name, not '" + netns + "'");
        }
        if (poll.isNegative() || poll.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw invalid("poll.seconds and timeout.seconds must be positive");
        }
    }

    /**
     * The same settings with other peers (the configured ones and those found in the store).
     *
     * @param others the peers
     * @return the settings
     * @throws IllegalArgumentException when a peer is not an address another node can have
     */
    FrrSettings withPeers(List<InetAddress> others) {
        return new FrrSettings(enabled, asn, routerId, others, password, bfd, keepalive, hold, frrDir, vtysh,
                runtimeDir, user, netns, poll, timeout);
    }

    /**
     * Reads the configuration.
     *
     * @param c the configuration
     * @return the settings
     * @throws IllegalArgumentException naming the setting at fault
     */
    static FrrSettings from(FrrConfiguration c) {
        String id = c.router_id().trim();
        return new FrrSettings(c.enabled(), c.asn(), id.isEmpty() ? Optional.empty() : Optional.of(address("router.id",
                id)), parsePeers(c.peers()), c.password() == null ? "" : c.password().trim(), c.bfd(),
                Duration.ofSeconds(c.keepalive_seconds()), Duration.ofSeconds(c.hold_seconds()),
                Path.of(c.frr_dir().trim()), Path.of(c.vtysh().trim()), Path.of(c.runtime_dir().trim()),
                c.user().trim(), c.netns().trim(), Duration.ofSeconds(c.poll_seconds()),
                Duration.ofSeconds(c.timeout_seconds()));
    }

    /**
     * Parses peer addresses, separated by commas or white space, from every element.
     *
     * @param elements the configured values
     * @return the addresses, in order
     * @throws IllegalArgumentException naming the value that is not an address
     */
    static List<InetAddress> parsePeers(String[] elements) {
        List<InetAddress> peers = new ArrayList<>();
        for (String element : elements == null ? new String[0] : elements) {
            for (String token : element.split("[,\\s]+")) {
                if (!token.isEmpty()) {
                    peers.add(address("peers", token));
                }
            }
        }
        return peers;
    }

    /** The directory Berth's FRR owns: configuration, PID files, vty sockets and logs. */
    Path workDir() {
        return runtimeDir.resolve("frr");
    }

    private static InetAddress address(String setting, String text) {
        try {
            return IpPrefix.parseAddress(text);
        } catch (IllegalArgumentException e) {
            throw invalid(setting + ": " + e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(PID + ": " + message);
    }
}
