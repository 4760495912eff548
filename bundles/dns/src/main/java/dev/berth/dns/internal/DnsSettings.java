package dev.berth.dns.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.xbill.DNS.Name;

import dev.berth.ipam.api.IpPrefix;

/**
 * The validated configuration of the DNS server.
 *
 * @param zone the internal zone
 * @param extraZones more zones, for static records
 * @param port the UDP and TCP port
 * @param listenAddresses the configured listen addresses
 * @param listenGateways whether to listen on the gateways of Berth networks
 * @param nameserver the server's own name, in the internal zone
 * @param ttl the TTL of automatic and label records
 * @param negativeTtl the SOA minimum
 * @param forwarders the upstream resolvers
 * @param forwardTimeout how long to wait for them
 * @param cacheSize the most cached forwarded answers
 * @param cacheMaxTtl the longest a forwarded answer is cached, in seconds
 * @param answerCacheSize the most rendered authoritative answers kept
 * @param recursionClients who may have other names forwarded
 * @param recursionBerthNetworks whether Berth networks' subnets may too
 * @param transferPeers who may transfer zones
 * @param udpPayload the largest UDP response offered to EDNS clients
 * @param udpThreads receiving threads per UDP listen address
 * @param tcpConnections the most TCP connections at once
 * @param tcpIdleTimeout how long an idle TCP connection stays open
 * @param node this node's name in the store
 * @param clusterPoll how often to read the other nodes' records, {@link Duration#ZERO} for never
 */
record DnsSettings(Name zone, List<Name> extraZones, int port, List<InetAddress> listenAddresses,
        boolean listenGateways, Name nameserver, long ttl, long negativeTtl, List<InetSocketAddress> forwarders,
        Duration forwardTimeout, int cacheSize, long cacheMaxTtl, int answerCacheSize,
        List<IpPrefix> recursionClients, boolean recursionBerthNetworks, List<IpPrefix> transferPeers, int udpPayload,
        int udpThreads, int tcpConnections, Duration tcpIdleTimeout, String node, Duration clusterPoll) {

    DnsSettings {
        extraZones = List.copyOf(extraZones);
        listenAddresses = List.copyOf(listenAddresses);
        forwarders = List.copyOf(forwarders);
        recursionClients = List.copyOf(recursionClients);
        transferPeers = List.copyOf(transferPeers);
    }

    /**
     * Validates a configuration.
     *
     * @param c the configuration
     * @return the settings
     * @throws IllegalArgumentException naming the setting that is wrong and why
     */
    static DnsSettings from(DnsConfiguration c) {
        Name zone = DnsNames.zone(c.zone(), "zone");
        List<Name> extra = new ArrayList<>();
        for (String z : items(c.extra_zones())) {
            Name name = DnsNames.zone(z, "extra.zones");
            if (name.subdomain(zone) || zone.subdomain(name) || extra.contains(name)) {
                throw new IllegalArgumentException("extra.zones: '" + z + "' overlaps another zone served");
            }
            extra.add(name);
        }
        range("port", c.port(), 0, 65535);
        List<InetAddress> listen = items(c.listen_addresses()).stream().map(a -> address("listen.addresses", a))
                .toList();
        Name nameserver = DnsNames.relative(c.nameserver(), zone, "nameserver");
        range("ttl", c.ttl(), 0, 86400);
        range("negative.ttl", c.negative_ttl(), 0, 86400);
        List<InetSocketAddress> forwarders = items(c.forwarders()).stream().map(Upstreams::parse).toList();
        if (forwarders.isEmpty()) {
            try {
                forwarders = Upstreams.fromResolvConf(Path.of(c.resolv_conf()));
            } catch (IOException e) {
                throw new IllegalArgumentException("resolv.conf: cannot read " + c.resolv_conf() + ": " + e, e);
            }
        }
        range("forward.timeout.ms", c.forward_timeout_ms(), 100, 60000);
        range("cache.size", c.cache_size(), 0, 10_000_000);
        range("cache.max.ttl", c.cache_max_ttl(), 0, 604800);
        range("answer.cache.size", c.answer_cache_size(), 0, 10_000_000);
        range("udp.payload", c.udp_payload(), 512, 4096);
        range("udp.threads", c.udp_threads(), 1, 64);
        range("tcp.connections", c.tcp_connections(), 1, 10000);
        range("tcp.idle.timeout.ms", c.tcp_idle_timeout_ms(), 100, 600000);
        range("cluster.poll.seconds", c.cluster_poll_seconds(), 0, 86400);
        return new DnsSettings(zone, extra, c.port(), listen, c.listen_gateways(), nameserver, c.ttl(),
                c.negative_ttl(), forwarders, Duration.ofMillis(c.forward_timeout_ms()), c.cache_size(),
                c.cache_max_ttl(), c.answer_cache_size(), prefixes("recursion.clients", c.recursion_clients()),
                c.recursion_berth_networks(), prefixes("transfer.peers", c.transfer_peers()), c.udp_payload(),
                c.udp_threads(), c.tcp_connections(), Duration.ofMillis(c.tcp_idle_timeout_ms()),
                node(c.host_name(), Path.of("/proc/sys/kernel/hostname")),
                Duration.ofSeconds(c.cluster_poll_seconds()));
    }

    /**
     * Returns this node's name: the one configured, or the kernel's host name as the network driver reads it.
     *
     * @param configured the setting, blank for the kernel's
     * @param kernel the file holding the kernel's host name
     * @return the name
     * @throws IllegalArgumentException when it cannot be read or is empty
     */
    static String node(String configured, Path kernel) {
        if (!configured.isBlank()) {
            return configured.trim();
        }
        try {
            String name = Files.readString(kernel).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("host.name: the kernel's host name in " + kernel + " is empty; "
                        + "set host.name");
            }
            return name;
        } catch (IOException e) {
            throw new IllegalArgumentException("host.name: cannot read the kernel's host name from " + kernel
                    + "; set host.name: " + e, e);
        }
    }

    /**
     * Splits list settings: Karaf's .cfg files give one string, which may hold several comma-separated items.
     *
     * @param values the values as configured
     * @return the non-empty items
     */
    static List<String> items(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split("[,\\s]+"))).filter(s -> !s.isEmpty())
                .toList();
    }

    private static List<IpPrefix> prefixes(String setting, String[] values) {
        List<IpPrefix> prefixes = new ArrayList<>();
        for (String v : items(values)) {
            try {
                prefixes.add(IpPrefix.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
            }
        }
        return prefixes;
    }

    private static InetAddress address(String setting, String value) {
        try {
            return IpPrefix.parseAddress(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    private static void range(String setting, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + ": " + value + " is outside " + min + ".." + max);
        }
    }
}
