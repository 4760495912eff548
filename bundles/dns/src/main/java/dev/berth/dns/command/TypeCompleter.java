package dev.berth.dns.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the record types operators use most. */
@Service
public class TypeCompleter implements Completer {

    private static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "TXT", "SRV", "PTR", "MX", "CAA", "NS",
            "SOA", "ANY");

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(TYPES, false).complete(session, commandLine, candidates);
    }
}
