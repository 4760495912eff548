package dev.berth.dns.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import dev.berth.dns.api.DnsException;
import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.QueryResult;
import dev.berth.dns.api.RecordOrigin;

/** Sends one query to a DNS server as a client would, for the console. */
final class ServerQuery {

    private ServerQuery() {
    }

    /**
     * Queries a server; a UDP response with TC set is asked again over TCP.
     *
     * @param server the server
     * @param name the name
     * @param type the type mnemonic
     * @param tcp whether to use TCP from the start
     * @param timeout how long to wait
     * @return the response
     * @throws DnsException when the name or type is wrong or the server does not answer
     */
    static QueryResult ask(InetSocketAddress server, String name, String type, boolean tcp, Duration timeout) {
        int t = Type.value(type.trim());
        if (t < 0) {
            throw new DnsException("unknown record type '" + type + "'");
        }
        Name qname;
        try {
            qname = Name.fromString(name.trim().endsWith(".") ? name.trim() : name.trim() + ".");
        } catch (TextParseException e) {
            throw new DnsException("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        }
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        resolver.setEDNS(0, 1232, 0, List.of());
        resolver.setTCP(tcp);
        resolver.setIgnoreTruncation(true);
        Message query = Message.newQuery(Record.newRecord(qname, t, DClass.IN));
        long start = System.nanoTime();
        try {
            Message response = resolver.send(query);
            boolean truncated = response.getHeader().getFlag(Flags.TC);
            if (truncated) {
                resolver.setTCP(true);
                response = resolver.send(query);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new QueryResult(server, Rcode.string(response.getRcode()), response.getHeader().getFlag(Flags.AA),
                    truncated, records(response, Section.ANSWER), records(response, Section.AUTHORITY),
                    records(response, Section.ADDITIONAL), elapsed);
        } catch (IOException e) {
            throw new DnsException("no answer from the DNS server at " + server + ": " + e.getMessage(), e);
        }
    }

    private static List<DnsRecord> records(Message m, int section) {
        return m.getSection(section).stream().filter(r -> r.getType() != Type.OPT)
                .map(r -> ZoneListing.dnsRecord(r, RecordOrigin.RESPONSE, "")).toList();
    }
}
