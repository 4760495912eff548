package dev.berth.dns.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsZone;
import dev.berth.dns.api.LabelProblem;
import dev.berth.dns.api.RecordOrigin;
import dev.berth.ipam.api.IpPrefix;

/**
 * Writes the records of each published object into an index, as the records of one source, and derives the
 * zones from the networks. Keeps no state: the registry says what is published.
 */
final class RecordSources {

    private static final Logger LOG = LoggerFactory.getLogger(RecordSources.class);
    static final String STATIC = "static";
    private static final String NAMESERVER = "zone/nameserver";

    private final DnsSettings settings;

    RecordSources(DnsSettings settings) {
        this.settings = settings;
    }

    static String endpointSource(String id) {
        return "endpoint/" + id;
    }

    static String labelSource(String containerId) {
        return "labels/" + containerId;
    }

    /**
     * Names the source of an object another node published: its records are kept apart from this node's, so
     * that the same ID here (a node renamed, rows not yet withdrawn) never replaces them.
     *
     * @param node the node
     * @param source the object's source as this node would name it
     * @return the source's key
     */
    static String peerSource(String node, String source) {
        return "peer/" + node + "/" + source;
    }

    void endpoint(RecordIndex index, DnsEndpoint endpoint) {
        endpoint(index, endpoint, endpointSource(endpoint.endpointId()));
    }

    void endpoint(RecordIndex index, DnsEndpoint endpoint, String source) {
        EndpointRecords.Built built = EndpointRecords.build(endpoint, settings.zone(), settings.ttl());
        built.problems().forEach(p -> LOG.warn("DNS: endpoint {} of {}: {}", endpoint.endpointId(),
                endpoint.containerName(), p));
        index.replace(source, entries(built.records(), RecordOrigin.AUTO, source));
    }

    /**
     * Writes the records of a container's labels; a label whose record would clash with another source's
     * records (a CNAME beside other data) is left out and reported with the labels that do not parse.
     *
     * @param index the index
     * @param labels the container's labels
     * @param ownAddresses the container's addresses, for A and AAAA labels without address
     * @return the labels left out
     */
    List<LabelProblem> labels(RecordIndex index, ContainerLabels labels, List<InetAddress> ownAddresses) {
        return labels(index, labels, ownAddresses, labelSource(labels.containerId()));
    }

    List<LabelProblem> labels(RecordIndex index, ContainerLabels labels, List<InetAddress> ownAddresses,
            String source) {
        LabelRecords.Parsed parsed = LabelRecords.parse(labels, ownAddresses, settings.zone(), settings.ttl());
        List<LabelProblem> problems = new ArrayList<>(parsed.problems());
        List<Record> kept = new ArrayList<>();
        parsed.records().forEach((label, records) -> {
            String conflict = records.stream().map(r -> conflict(index, r, source)).filter(c -> c != null)
                    .findFirst().orElse(null);
            if (conflict == null) {
                kept.addAll(records);
            } else {
                problems.add(new LabelProblem(label, labels.labels().get(label), conflict));
            }
        });
        index.replace(source, entries(kept, RecordOrigin.LABEL, source));
        return problems;
    }

    void statics(RecordIndex index, Collection<DnsRecord> statics) {
        List<Record> records = new ArrayList<>();
        for (DnsRecord r : statics) {
            try {
                records.add(Record.fromString(Name.fromString(r.name()), Type.value(r.type()), DClass.IN, r.ttl(),
                        r.data(), Name.root));
            } catch (IOException e) {
                LOG.warn("DNS: stored static record {} does not parse any more, skipped: {}", r, e.getMessage());
            }
        }
        index.replace(STATIC, entries(records, RecordOrigin.STATIC, STATIC));
    }

    /** Writes the addresses of the server's own name: where it listens. */
    void nameserver(RecordIndex index, Collection<DnsNetwork> networks) {
        Set<InetAddress> addresses = new LinkedHashSet<>(settings.listenAddresses());
        if (settings.listenGateways()) {
            networks.forEach(n -> addresses.addAll(n.gateways()));
        }
        List<Record> records = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (!a.isAnyLocalAddress()) {
                records.add(a instanceof Inet4Address
                        ? new ARecord(settings.nameserver(), DClass.IN, settings.ttl(), a)
                        : new AAAARecord(settings.nameserver(), DClass.IN, settings.ttl(), a));
            }
        }
        index.replace(NAMESERVER, entries(records, RecordOrigin.ZONE, NAMESERVER));
    }

    ZoneSet zones(Collection<DnsNetwork> networks) {
        List<ZoneSet.Zone> list = new ArrayList<>();
        list.add(new ZoneSet.Zone(settings.zone(), DnsZone.Kind.INTERNAL, List.of()));
        settings.extraZones().forEach(z -> list.add(new ZoneSet.Zone(z, DnsZone.Kind.EXTRA, List.of())));
        Map<Name, List<String>> reverse = new HashMap<>();
        for (DnsNetwork n : networks) {
            for (IpPrefix subnet : n.subnets()) {
                for (Name z : ReverseZones.zonesOf(subnet)) {
                    List<String> names = reverse.computeIfAbsent(z, k -> new ArrayList<>());
                    if (!names.contains(label(n))) {
                        names.add(label(n));
                    }
                }
            }
        }
        reverse.forEach((z, names) -> list.add(new ZoneSet.Zone(z, DnsZone.Kind.REVERSE, names)));
        return new ZoneSet(list);
    }

    /**
     * Says why a record cannot join the records other sources have at its name: a CNAME record shares its name
     * with no other record (RFC 1034 3.6.2).
     *
     * @param index the index
     * @param record the record
     * @param source its source
     * @return the reason, or {@code null} when it can
     */
    static String conflict(RecordIndex index, Record record, String source) {
        RecordIndex.Node node = index.node(record.getName());
        if (node == null) {
            return null;
        }
        for (RecordIndex.Entry e : node.entries()) {
            if (!e.source().equals(source)
                    && (record.getType() == Type.CNAME || e.record().getType() == Type.CNAME)) {
                return record.getName() + " already has " + Type.string(e.record().getType()) + " records ("
                        + e.origin().name().toLowerCase(Locale.ROOT) + "); a CNAME record cannot share its name "
                        + "with other records";
            }
        }
        return null;
    }

    static String label(DnsNetwork n) {
        return n.name().isBlank() ? n.id() : n.name();
    }

    private static List<RecordIndex.Entry> entries(List<Record> records, RecordOrigin origin, String source) {
        return records.stream().map(r -> new RecordIndex.Entry(r, origin, source)).toList();
    }
}
