package dev.berth.certs.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSets;

/** Completes certificate set names. */
@Service
public class SetNameCompleter implements Completer {

    @Reference
    private CertificateSets sets;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        sets.list().stream().map(CertificateSet::name).forEach(strings.getStrings()::add);
        return strings.complete(session, commandLine, candidates);
    }
}
