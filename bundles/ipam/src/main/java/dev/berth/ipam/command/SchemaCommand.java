package dev.berth.ipam.command;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.ipam.api.AddressPlan;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.PoolDefinition;

/** Shows the IPAM schema in force. */
@Service
@Command(scope = "ipam", name = "schema", description = "Shows the IPAM schema in force: address spaces and pools.")
public class SchemaCommand implements Action {

    @Reference
    private AddressPlan plan;

    @Override
    public Object execute() {
        IpamSchema schema = plan.schema();
        System.out.println("Schema: " + schema.source());
        System.out.println("Default address spaces: local=" + schema.spaces().local() + ", global="
                + schema.spaces().global());
        ShellTable table = new ShellTable();
        table.column("Space");
        table.column("Pool");
        table.column("Family");
        table.column("Prefixes");
        table.column("Subnets").alignRight();
        table.column("Reserved");
        table.column("Gateway");
        table.column("Head").alignRight();
        table.column("Default");
        table.column("Node blocks");
        table.column("Tags");
        for (PoolDefinition p : schema.pools()) {
            table.addRow().addContent(p.addressSpace(), p.name(), p.ipv6() ? "ipv6" : "ipv4", join(p.prefixes()),
                    "/" + p.subnetLength(), p.reserved().isEmpty() ? "-" : join(p.reserved()),
                    p.gateway().name().toLowerCase(java.util.Locale.ROOT), p.reserveHead(), p.isDefault() ? "yes" : "",
                    p.perNode() ? "/" + p.nodeLength() : "-", p.tags().isEmpty() ? "-" : String.join(", ", p.tags()));
        }
        table.print(System.out);
        return null;
    }

    private static String join(java.util.List<IpPrefix> prefixes) {
        return prefixes.stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
    }
}
