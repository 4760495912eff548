package dev.berth.certs.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.certs.api.EnrollmentRegistry;

/** Completes the identities of registered enrollment clients. */
@Service
public class ClientIdCompleter implements Completer {

    @Reference
    private EnrollmentRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        registry.clients().forEach(c -> strings.getStrings().add(c.spec().clientId()));
        return strings.complete(session, commandLine, candidates);
    }
}
