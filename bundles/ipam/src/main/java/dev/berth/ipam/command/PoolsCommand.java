package dev.berth.ipam.command;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.PoolUsage;

/** Lists granted pools and how full they are. */
@Service
@Command(scope = "ipam", name = "pools", description = "Lists the pools granted to Docker networks, with utilization.")
public class PoolsCommand implements Action {

    @Reference
    private AddressAllocator allocator;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Pool ID");
        table.column("Schema pool");
        table.column("Range");
        table.column("Allocated").alignRight();
        table.column("Capacity").alignRight();
        table.column("Used").alignRight();
        table.column("Refs").alignRight();
        for (PoolUsage p : allocator.pools()) {
            table.addRow().addContent(p.poolId(), p.schemaPool().isEmpty() ? "-" : p.schemaPool()
                    + (p.carved() ? "" : " (--subnet)"), IpPrefix.format(p.rangeFirst()) + "-"
                    + IpPrefix.format(p.rangeLast()), p.allocated(), p.capacity(),
                    String.format(Locale.ROOT, "%.1f%%", p.utilization()), p.references());
        }
        table.print(System.out);
        return null;
    }
}
