package dev.berth.certs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSets;

/** Renews a certificate set now. */
@Service
@Command(scope = "cert", name = "renew", description = "Issues a new key and certificate for a set now; the "
        + "previous certificate stays valid until it expires (revoke it if its key leaked).")
public class RenewCommand implements Action {

    @Reference
    private CertificateSets sets;

    @Argument(index = 0, name = "name", description = "The set's name.", required = true)
    @Completion(SetNameCompleter.class)
    private String name;

    @Override
    public Object execute() {
        CertificateSet set = sets.renew(name);
        System.out.println("Renewed set " + set.name() + ": serial " + set.serialHex() + ", valid until "
                + set.notAfter());
        return null;
    }
}
