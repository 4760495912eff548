package dev.berth.dns.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * A full zone transfer (RFC 5936), also the answer to IXFR (RFC 1995 allows a full transfer): the SOA, every
 * record of the zone, the SOA again, in as many messages as it takes to keep each under 16 KiB.
 */
final class ZoneTransfer {

    private static final int MESSAGE_BUDGET = 16 * 1024;

    private final RecordRegistry registry;
    private final ZoneApex apex;

    ZoneTransfer(RecordRegistry registry, ZoneApex apex) {
        this.registry = registry;
        this.apex = apex;
    }

    /**
     * Lists every record of a zone in transfer order.
     *
     * @param zone the zone apex
     * @return SOA, NS, the records, SOA
     */
    List<Record> records(Name zone) {
        SOARecord soa = apex.soa(zone, registry.serial());
        List<Record> records = new ArrayList<>();
        records.add(soa);
        records.add(apex.ns(zone));
        Set<Record> distinct = new LinkedHashSet<>();
        registry.index().entriesUnder(zone).forEach(e -> distinct.add(e.record()));
        records.addAll(distinct);
        records.add(soa);
        return records;
    }

    /**
     * Builds the response messages of a transfer.
     *
     * @param query the AXFR or IXFR query
     * @param zone the zone apex
     * @return the messages, each with the query's ID
     */
    List<Message> messages(Message query, Name zone) {
        List<Message> messages = new ArrayList<>();
        Message current = start(query, true);
        int size = 0;
        for (Record r : records(zone)) {
            int length = r.toWire(Section.ANSWER).length;
            if (size > 0 && size + length > MESSAGE_BUDGET) {
                messages.add(current);
                current = start(query, false);
                size = 0;
            }
            current.addRecord(r, Section.ANSWER);
            size += length;
        }
        messages.add(current);
        return messages;
    }

    private static Message start(Message query, boolean first) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.AA);
        if (first) {
            m.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return m;
    }
}
