package dev.berth.certs.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.certs.api.CertificateSets;

/** Sets who may read a certificate set over WebDAV. */
@Service
@Command(scope = "cert", name = "readers", description = "Replaces the client identities allowed to read a set over "
        + "WebDAV (none: administrators only).")
public class ReadersCommand implements Action {

    @Reference
    private CertificateSets sets;

    @Argument(index = 0, name = "name", description = "The set's name.", required = true)
    @Completion(SetNameCompleter.class)
    private String name;

    @Argument(index = 1, name = "identities", description = "Client identities (certificate common names).",
            multiValued = true)
    private List<String> readers = new ArrayList<>();

    @Override
    public Object execute() {
        var set = sets.setReaders(name, Set.copyOf(readers));
        System.out.println("Set " + set.name() + " is readable by " + (set.spec().readers().isEmpty()
                ? "administrators only" : set.spec().readers().stream().sorted().toList() + " and administrators"));
        return null;
    }
}
