package dev.berth.dns.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Queries a server under test with dnsjava's resolver, as a client on this host would. */
final class Client {

    private final InetSocketAddress server;

    Client(InetSocketAddress server) {
        this.server = server;
    }

    Message ask(String name, int type) throws IOException {
        return ask(name, type, false, true);
    }

    Message ask(String name, int type, boolean tcp, boolean edns) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        return send(query, tcp, edns);
    }

    Message send(Message query, boolean tcp, boolean edns) throws IOException {
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(Duration.ofSeconds(5));
        r.setTCP(tcp);
        r.setIgnoreTruncation(true);
        if (edns) {
            r.setEDNS(0, 1232, 0, List.of());
        } else {
            r.setEDNS(-1, 0, 0, List.of());
        }
        return r.send(query);
    }

    static List<String> section(Message m, int section) {
        return m.getSection(section).stream().filter(r -> r.getType() != Type.OPT)
                .map(r -> r.toString().replaceAll("\\s+", " ")).toList();
    }

    static List<String> answer(Message m) {
        return section(m, Section.ANSWER);
    }
}
