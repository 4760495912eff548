package dev.berth.acme.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.acme.api.AcmeIssuer;
import dev.berth.acme.api.AcmeStatus;

/** Shows the ACME client's CA and account. */
@Service
@Command(scope = "acme", name = "status", description = "Shows the ACME directory, whether it answers, its terms of "
        + "service, the account URL, the http-01 responder's address and the last failure.")
public class StatusCommand implements Action {

    @Reference
    private AcmeIssuer issuer;

    @Override
    public Object execute() {
        AcmeStatus s = issuer.status();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Directory", s.directoryUrl());
        table.addRow().addContent("Reachable", s.reachable() ? "yes" : "no");
        table.addRow().addContent("Terms of service", s.termsOfService().orElse("-"));
        table.addRow().addContent("Account", s.accountUrl().orElse("none yet (registered at the first issue)"));
        table.addRow().addContent("Account key", s.accountKeyStorage());
        table.addRow().addContent("http-01 responder", s.http01Address());
        table.addRow().addContent("Last error", s.lastError().orElse("-"));
        table.print(System.out);
        return null;
    }
}
