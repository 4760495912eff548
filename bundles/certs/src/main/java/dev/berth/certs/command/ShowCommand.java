package dev.berth.certs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.certs.api.CertificateSets;

/** Prints a set's certificate chain; never its key. */
@Service
@Command(scope = "cert", name = "show", description = "Prints a set's certificate and issuing CA in PEM (never the "
        + "private key: fetch it over WebDAV with a client certificate).")
public class ShowCommand implements Action {

    @Reference
    private CertificateSets sets;

    @Argument(index = 0, name = "name", description = "The set's name.", required = true)
    @Completion(SetNameCompleter.class)
    private String name;

    @Override
    public Object execute() {
        System.out.print(sets.material(name).chainPem());
        return null;
    }
}
