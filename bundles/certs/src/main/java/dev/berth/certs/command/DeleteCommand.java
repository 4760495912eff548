package dev.berth.certs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.certs.api.CertificateSets;

/** Deletes a certificate set. */
@Service
@Command(scope = "cert", name = "delete", description = "Deletes a certificate set and its key; its certificate is "
        + "revoked.")
public class DeleteCommand implements Action {

    @Reference
    private CertificateSets sets;

    @Argument(index = 0, name = "name", description = "The set's name.", required = true)
    @Completion(SetNameCompleter.class)
    private String name;

    @Override
    public Object execute() {
        sets.delete(name);
        System.out.println("Deleted set " + name);
        return null;
    }
}
