package dev.berth.ipam.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.AllocatedAddress;

/** Lists the addresses allocated in one pool. */
@Service
@Command(scope = "ipam", name = "allocations", description = "Lists the addresses allocated in a pool.")
public class AllocationsCommand implements Action {

    @Reference
    private AddressAllocator allocator;

    @Argument(index = 0, name = "pool", description = "The pool ID, as ipam:pools shows it.", required = true)
    @Completion(PoolIdCompleter.class)
    private String poolId;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Address");
        table.column("Kind");
        table.column("Allocated at");
        table.column("Note");
        for (AllocatedAddress a : allocator.allocations(poolId)) {
            table.addRow().addContent(a.cidr(), a.kind().name().toLowerCase(java.util.Locale.ROOT), a.allocatedAt(),
                    a.note());
        }
        table.print(System.out);
        return null;
    }
}
