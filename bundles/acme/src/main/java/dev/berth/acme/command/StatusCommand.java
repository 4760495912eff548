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
        + "service, the account URL, the default challenge, the http-01 responder's address, the DNS zones dns-01 can "
        + "prove names in and the last failure.")
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
        table.addRow().addContent("Challenge", s.challenge().type());
        table.addRow().addContent("http-01 responder", s.http01Address());
        table.addRow().addContent("dns-01 zones", s.dns01Zones().isEmpty() ? "none (Berth's DNS server is not running)"
                : String.join(", ", s.dns01Zones()));
        table.addRow().addContent("Last error", s.lastError().orElse("-"));
        table.print(System.out);
        return null;
    }
}
