package dev.berth.dns.command;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.dns.api.DnsRecord;
import dev.berth.dns.api.DnsRegistry;
import dev.berth.dns.api.DnsZone;

/** Lists the records of a zone, with where each comes from. */
@Service
@Command(scope = "dns", name = "records", description = "Lists the records of a zone: automatic (from endpoints), "
        + "label (from container labels), static (from operators) and zone (SOA, NS, the server's addresses).")
public class RecordsCommand implements Action {

    @Reference
    private DnsRegistry registry;

    @Argument(index = 0, name = "zone", description = "The zone, as dns:zones shows it. Default: the internal zone.")
    @Completion(ZoneCompleter.class)
    private String zone;

    @Option(name = "--type", aliases = "-t", description = "Only records of this type (A, AAAA, PTR, SRV, ...).")
    @Completion(TypeCompleter.class)
    private String type;

    @Option(name = "--origin", aliases = "-o", description = "Only records of this origin.")
    @Completion(value = StringsCompleter.class, values = {"auto", "label", "static", "zone"})
    private String origin;

    @Override
    public Object execute() {
        String name = zone != null ? zone : registry.zones().stream().filter(z -> z.kind() == DnsZone.Kind.INTERNAL)
                .map(DnsZone::name).findFirst().orElseThrow();
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("TTL").alignRight();
        table.column("Type");
        table.column("Data");
        table.column("Origin");
        table.column("Source");
        for (DnsRecord r : registry.records(name)) {
            String o = r.origin().name().toLowerCase(Locale.ROOT);
            if ((type == null || r.type().equalsIgnoreCase(type)) && (origin == null || o.equalsIgnoreCase(origin))) {
                table.addRow().addContent(r.name(), r.ttl(), r.type(), r.data(), o, r.source().isEmpty() ? "-"
                        : r.source());
            }
        }
        table.print(System.out);
        return null;
    }
}
