package dev.berth.ipam.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.PoolUsage;

/** Completes the identifiers of granted pools. */
@Service
public class PoolIdCompleter implements Completer {

    @Reference
    private AddressAllocator allocator;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        allocator.pools().stream().map(PoolUsage::poolId).forEach(strings.getStrings()::add);
        return strings.complete(session, commandLine, candidates);
    }
}
