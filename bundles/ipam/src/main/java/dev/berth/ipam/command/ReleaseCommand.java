package dev.berth.ipam.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.IpPrefix;

/** Releases an address by hand. */
@Service
@Command(scope = "ipam", name = "release", description = "Releases an allocated or reserved address of a pool.")
public class ReleaseCommand implements Action {

    @Reference
    private AddressAllocator allocator;

    @Argument(index = 0, name = "pool", description = "The pool ID, as ipam:pools shows it.", required = true)
    @Completion(PoolIdCompleter.class)
    private String poolId;

    @Argument(index = 1, name = "address", description = "The address to release.", required = true)
    private String address;

    @Override
    public Object execute() {
        allocator.releaseAddress(poolId, IpPrefix.parseAddress(address));
        System.out.println("Released " + address + " in pool " + poolId);
        return null;
    }
}
