package dev.berth.dns.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers a question about a name in a zone served here, from the record index: the records asked for, a
 * CNAME chain inside the zones served, NODATA (NOERROR with the SOA) for a name that exists without records of
 * the type, NXDOMAIN with the SOA for a name that does not exist, and the addresses of SRV, MX and NS targets
 * in the additional section.
 */
final class ZoneAnswers {

    private static final int MAX_CNAME_HOPS = 8;

    private final RecordRegistry registry;
    private final ZoneApex apex;

    ZoneAnswers(RecordRegistry registry, ZoneApex apex) {
        this.registry = registry;
        this.apex = apex;
    }

    /**
     * Fills the answer, authority and additional sections and the rcode of a response, and sets AA.
     *
     * @param response the response, with its question
     * @param qname the name asked for
     * @param qtype the type asked for
     * @param zone the zone of the name
     * @return the target of a CNAME chain that leaves the zones served, which a resolver must follow, or
     *     {@code null} when the answer is complete
     */
    Name answer(Message response, Name qname, int qtype, ZoneSet.Zone zone) {
        response.getHeader().setFlag(Flags.AA);
        RecordIndex index = registry.index();
        ZoneSet zones = registry.zones();
        Name name = qname;
        ZoneSet.Zone z = zone;
        Set<Name> seen = new HashSet<>();
        for (int hop = 0; hop <= MAX_CNAME_HOPS && seen.add(name); hop++) {
            RecordIndex.Node node = index.node(name);
            List<Record> found = records(node, name.equals(z.name()) ? z : null, qtype);
            if (!found.isEmpty()) {
                found.forEach(r -> response.addRecord(r, Section.ANSWER));
                addTargets(response, found, index);
                return null;
            }
            List<Record> cname = node == null || qtype == Type.CNAME ? List.of() : node.records(Type.CNAME);
            if (cname.isEmpty() || hasOtherData(node)) {
                negative(response, index, name, z);
                return null;
            }
            response.addRecord(cname.get(0), Section.ANSWER);
            name = ((CNAMERecord) cname.get(0)).getTarget();
            z = zones.zoneOf(name);
            if (z == null) {
                // the target is elsewhere: the client's resolver follows it (RFC 1034 4.3.2)
                return name;
            }
        }
        return null;
    }

    private List<Record> records(RecordIndex.Node node, ZoneSet.Zone apexOf, int qtype) {
        long serial = registry.serial();
        if (qtype == Type.ANY) {
            List<Record> all = new ArrayList<>();
            if (apexOf != null) {
                all.add(apex.soa(apexOf.name(), serial));
                all.add(apex.ns(apexOf.name()));
            }
            if (node != null) {
                node.rrsets().forEach(all::addAll);
            }
            return all;
        }
        if (apexOf != null && qtype == Type.SOA) {
            return List.of(apex.soa(apexOf.name(), serial));
        }
        if (apexOf != null && qtype == Type.NS) {
            return List.of(apex.ns(apexOf.name()));
        }
        return node == null ? List.of() : node.records(qtype);
    }

    private void negative(Message response, RecordIndex index, Name name, ZoneSet.Zone zone) {
        boolean exists = name.equals(zone.name()) || index.exists(name);
        response.getHeader().setRcode(exists ? Rcode.NOERROR : Rcode.NXDOMAIN);
        response.addRecord(apex.negativeSoa(zone.name(), registry.serial()), Section.AUTHORITY);
    }

    private static boolean hasOtherData(RecordIndex.Node node) {
        // a CNAME beside other data (an operator's or a label's, racing an endpoint) is ignored, not followed
        return node.rrsets().size() > 1;
    }

    private void addTargets(Message response, List<Record> answer, RecordIndex index) {
        Set<Name> targets = new HashSet<>();
        for (Record r : answer) {
            if (r instanceof SRVRecord srv) {
                targets.add(srv.getTarget());
            } else if (r instanceof MXRecord mx) {
                targets.add(mx.getTarget());
            } else if (r instanceof NSRecord ns) {
                targets.add(ns.getTarget());
            }
        }
        for (Name target : targets) {
            RecordIndex.Node node = index.node(target);
            if (node != null) {
                node.records(Type.A).forEach(a -> response.addRecord(a, Section.ADDITIONAL));
                node.records(Type.AAAA).forEach(a -> response.addRecord(a, Section.ADDITIONAL));
            }
        }
    }
}
