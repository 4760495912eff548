package dev.berth.ipam.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.AddressKind;
import dev.berth.ipam.api.AddressRequest;
import dev.berth.ipam.api.AllocatedAddress;
import dev.berth.ipam.api.IpPrefix;

/** Reserves an address by hand so that Docker never gets it. */
@Service
@Command(scope = "ipam", name = "reserve", description = "Reserves an address in a pool so that no container gets it.")
public class ReserveCommand implements Action {

    @Reference
    private AddressAllocator allocator;

    @Argument(index = 0, name = "pool", description = "The pool ID, as ipam:pools shows it.", required = true)
    @Completion(PoolIdCompleter.class)
    private String poolId;

    @Argument(index = 1, name = "address", description = "The address to reserve.", required = true)
    private String address;

    @Option(name = "--note", aliases = "-n", description = "Why the address is reserved.")
    private String note = "";

    @Override
    public Object execute() {
        AllocatedAddress a = allocator.requestAddress(new AddressRequest(poolId, IpPrefix.parseAddress(address),
                AddressKind.MANUAL, note));
        System.out.println("Reserved " + a.cidr() + " in pool " + a.poolId());
        return null;
    }
}
