package dev.berth.dns.internal;

import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import dev.berth.dns.api.DnsException;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsZone;
import dev.berth.dns.api.RecordOrigin;
import dev.berth.ipam.api.IpPrefix;

/** The zones and records of the registry as operators see them. */
final class ZoneListing {

    private final RecordRegistry registry;

    ZoneListing(RecordRegistry registry) {
        this.registry = registry;
    }

    /**
     * Lists the zones served, with the number of records of each.
     *
     * @return the zones
     */
    List<DnsZone> zoneList() {
        RecordIndex idx = registry.index();
        return registry.zones().all().stream().map(z -> new DnsZone(z.name().toString(), z.kind(), registry.serial(),
                idx.entriesUnder(z.name()).size() + 2, z.networks())).toList();
    }

    /**
     * Lists the records of a zone: SOA, NS, then the records at and below the apex in canonical order.
     *
     * @param zoneName the zone, with or without the trailing dot
     * @return the records
     * @throws DnsException when the zone is not served
     */
    List<DnsRecord> records(String zoneName) {
        Name name;
        try {
            name = DnsNames.zone(zoneName, "zone");
        } catch (IllegalArgumentException e) {
            throw new DnsException(e.getMessage(), e);
        }
        ZoneSet.Zone zone = registry.zones().zone(name);
        if (zone == null) {
            throw new DnsException("this server does not serve the zone " + name);
        }
        List<DnsRecord> list = new ArrayList<>();
        list.add(dnsRecord(registry.apex().soa(name, registry.serial()), RecordOrigin.ZONE, ""));
        list.add(dnsRecord(registry.apex().ns(name), RecordOrigin.ZONE, ""));
        for (RecordIndex.Entry e : registry.index().entriesUnder(name)) {
            String source = e.source();
            list.add(dnsRecord(e.record(), e.origin(), source.contains("/") && e.origin() != RecordOrigin.ZONE
                    ? source.substring(source.indexOf('/') + 1) : ""));
        }
        return list;
    }

    static DnsRecord dnsRecord(Record r, RecordOrigin origin, String source) {
        // dnsjava writes IPv6 addresses uncompressed; operators read RFC 5952
        String data = r instanceof AAAARecord aaaa ? IpPrefix.format(aaaa.getAddress()) : r.rdataToString();
        return new DnsRecord(r.getName().toString(), Type.string(r.getType()), r.getTTL(), data, origin, source);
    }
}
