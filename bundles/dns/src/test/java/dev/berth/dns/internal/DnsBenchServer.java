package dev.berth.dns.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsZone;
import dev.berth.ipam.api.IpPrefix;

/**
 * The Berth side of {@code bench/dns-qps}: a DNS server on 127.0.0.1 loaded with container endpoints, the same
 * records written as zone files for the reference server, a dnsperf query file, and the heap the records take.
 * Prints {@code READY} and serves until its standard input closes.
 *
 * <p>Arguments: port, number of endpoints, output directory.
 */
public final class DnsBenchServer {

    private DnsBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int endpoints = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        DnsService dns = new DnsService(TestConfig.settings(Map.of("port", port, "udp_threads", 1,
                "answer_cache_size", Integer.parseInt(System.getProperty("answer.cache.size", "65536")))));
        long empty = heapAfterGc();
        dns.publishNetwork(new DnsNetwork("bench", "bench", List.of(IpPrefix.parse("198.18.0.0/16")), List.of()));
        for (int i = 0; i < endpoints; i++) {
            dns.publishEndpoint(new DnsEndpoint("ep" + i, "bench", "c" + i, name(i), List.of(), List.of(address(i))));
        }
        long loaded = heapAfterGc();
        int records = 0;
        for (DnsZone z : dns.zones()) {
            records += writeZone(dns, z.name(), out.resolve(z.name() + "zone"));
        }
        writeQueries(endpoints, out.resolve("queries.txt"));
        System.out.printf("RECORDS %d%nENDPOINTS %d%nHEAP_BYTES %d%nREADY%n", records, endpoints, loaded - empty);
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the script closes our standard input
        }
        System.out.println("QUERIES " + dns.statistics().get("queries"));
        dns.close();
    }

    static String name(int i) {
        return String.format("c%05d", i);
    }

    static InetAddress address(int i) {
        return IpPrefix.parseAddress("198.18." + (i / 250) + "." + (i % 250 + 2));
    }

    /** Writes the zone as a master file, records exactly as Berth serves them; returns how many. */
    private static int writeZone(DnsService dns, String zone, Path file) throws IOException {
        List<DnsRecord> records = dns.records(zone);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (DnsRecord r : records) {
                w.println(r.name() + " " + r.ttl() + " IN " + r.type() + " " + r.data());
            }
        }
        return records.size();
    }

    /**
     * A query mix: 70% A of existing names (network-qualified and plain), 10% AAAA of existing names (NODATA),
     * 10% PTR, 10% names that do not exist (NXDOMAIN); shuffled with a fixed seed.
     */
    private static void writeQueries(int endpoints, Path file) throws IOException {
        Random random = new Random(53);
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 100_000; n++) {
            int i = random.nextInt(endpoints);
            int kind = random.nextInt(10);
            if (kind < 4) {
                lines.add(name(i) + ".bench.berth.internal A");
            } else if (kind < 7) {
                lines.add(name(i) + ".berth.internal A");
            } else if (kind < 8) {
                lines.add(name(i) + ".berth.internal AAAA");
            } else if (kind < 9) {
                lines.add(ReverseZones.nameOf(address(i)) + " PTR");
            } else {
                lines.add("x" + name(i) + ".berth.internal A");
            }
        }
        Collections.shuffle(lines, random);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
