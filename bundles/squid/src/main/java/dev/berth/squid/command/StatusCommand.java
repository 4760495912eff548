package dev.berth.squid.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.squid.internal.SquidService;
import dev.berth.squid.internal.SquidStatus;

/** Shows whether Squid and the ICAP service run, and the WAF's counters. */
@Service
@Command(scope = "squid", name = "status", description = "Shows Squid's PID, the hash of the configuration in force, "
        + "the ICAP service, the WAF mode and counters, and the last error.")
public class StatusCommand implements Action {

    @Reference
    private SquidService squid;

    @Override
    public Object execute() {
        SquidStatus s = squid.status();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Enabled", s.enabled());
        table.addRow().addContent("Running", s.running());
        table.addRow().addContent("PID", s.pid() < 0 ? "-" : s.pid());
        table.addRow().addContent("Config hash", s.configHash().isEmpty() ? "-" : s.configHash());
        table.addRow().addContent("Last start/reconfigure", s.lastApplied() == null ? "-" : s.lastApplied());
        table.addRow().addContent("ICAP service", s.icap().isEmpty() ? "-" : s.icap());
        table.addRow().addContent("WAF mode", squid.detectOnly() ? "detect-only" : "block");
        table.addRow().addContent("WAF rules", squid.rules().size() + " from " + squid.rulesSource());
        table.addRow().addContent("Inspected", squid.incidents().inspectedCount());
        table.addRow().addContent("Blocked", squid.incidents().blockedCount());
        table.addRow().addContent("Detected only", squid.incidents().detectedCount());
        table.addRow().addContent("Reverse proxy", squid.reverseEnabled() ? squid.sites().sites().size()
                + " containers published, " + squid.sites().problems().size() + " with wrong labels (waf:sites)"
                : "off");
        table.addRow().addContent("Last error", s.lastError().isEmpty() ? "-" : s.lastError());
        table.print(System.out);
        return null;
    }
}
