package dev.berth.squid.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.squid.internal.SquidService;
import dev.berth.squid.waf.Incident;

/** Lists the most recent WAF incidents. */
@Service
@Command(scope = "waf", name = "blocks", description = "Lists the most recent requests and responses the web "
        + "application firewall blocked (or, in detect-only mode, recorded), newest first.")
public class BlocksCommand implements Action {

    @Reference
    private SquidService squid;

    @Option(name = "-n", aliases = "--limit", description = "How many incidents to show (default 20).")
    private int limit = 20;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Time");
        table.column("Incident");
        table.column("Action");
        table.column("Rule");
        table.column("Target");
        table.column("Client");
        table.column("Request").maxSize(60);
        table.column("Evidence").maxSize(40);
        for (Incident i : squid.incidents().recent(limit)) {
            table.addRow().addContent(i.time(), i.id(), i.blocked() ? "blocked" : "detected",
                    i.ruleId() + " " + i.message(), i.target(), i.client(), i.method() + " " + i.uri(), i.evidence());
        }
        table.print(System.out);
        return null;
    }
}
