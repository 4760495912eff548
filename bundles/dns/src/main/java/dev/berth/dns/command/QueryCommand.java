package dev.berth.dns.command;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsServer;
import dev.berth.dns.api.QueryResult;

/** Asks the DNS server, over the network, as a client would. */
@Service
@Command(scope = "dns", name = "query", description = "Sends a query to Berth's DNS server, as dig would, and "
        + "shows the response.")
public class QueryCommand implements Action {

    @Reference
    private DnsServer server;

    @Argument(index = 0, name = "name", description = "The name to look up, for example web.berth.internal.",
            required = true)
    private String name;

    @Argument(index = 1, name = "type", description = "The record type. Default: A.")
    @Completion(TypeCompleter.class)
    private String type = "A";

    @Option(name = "--tcp", description = "Ask over TCP instead of UDP.")
    private boolean tcp;

    @Override
    public Object execute() {
        QueryResult r = server.query(name, type, tcp);
        System.out.println(r.rcode() + (r.authoritative() ? ", authoritative" : "")
                + (r.truncated() ? ", truncated over UDP (shown: the answer over TCP)" : "")
                + ", from " + StatusCommand.format(r.server()) + " in " + r.elapsed().toMillis() + " ms");
        ShellTable table = new ShellTable();
        table.column("Section");
        table.column("Name");
        table.column("TTL").alignRight();
        table.column("Type");
        table.column("Data");
        rows(table, "answer", r.answer());
        rows(table, "authority", r.authority());
        rows(table, "additional", r.additional());
        table.print(System.out);
        return null;
    }

    private static void rows(ShellTable table, String section, List<DnsRecord> records) {
        for (DnsRecord d : records) {
            table.addRow().addContent(section.toLowerCase(Locale.ROOT), d.name(), d.ttl(), d.type(), d.data());
        }
    }
}
