package dev.berth.net.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.NetworkInfo;

/** Completes the IDs of Berth networks (their first 12 characters, as docker network ls shows them). */
@Service
public class NetworkIdCompleter implements Completer {

    @Reference
    private BerthNetworks networks;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        networks.networks().stream().map(NetworkInfo::id).map(id -> id.substring(0, 12))
                .forEach(strings.getStrings()::add);
        return strings.complete(session, commandLine, candidates);
    }
}
