package dev.berth.dns.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.dns.api.DnsRegistry;
import dev.berth.dns.api.DnsZone;

/** Completes the names of the zones served. */
@Service
public class ZoneCompleter implements Completer {

    @Reference
    private DnsRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        registry.zones().stream().map(DnsZone::name).forEach(strings.getStrings()::add);
        return strings.complete(session, commandLine, candidates);
    }
}
