package dev.berth.dns.command;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.dns.api.DnsRegistry;
import dev.berth.dns.api.DnsZone;

/** Lists the zones the DNS server is authoritative for. */
@Service
@Command(scope = "dns", name = "zones", description = "Lists the zones Berth's DNS server is authoritative for.")
public class ZonesCommand implements Action {

    @Reference
    private DnsRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Zone");
        table.column("Kind");
        table.column("Serial").alignRight();
        table.column("Records").alignRight();
        table.column("Networks");
        for (DnsZone z : registry.zones()) {
            table.addRow().addContent(z.name(), z.kind().name().toLowerCase(Locale.ROOT), z.serial(), z.records(),
                    z.networks().isEmpty() ? "-" : String.join(", ", z.networks()));
        }
        table.print(System.out);
        return null;
    }
}
