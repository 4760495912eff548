package dev.berth.haproxy.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.haproxy.api.IngressRoutes;
import dev.berth.haproxy.api.ProxyStatus;

/** Shows whether HAProxy runs and what it serves. */
@Service
@Command(scope = "proxy", name = "status", description = "Shows the HAProxy master's PID, the hash of the "
        + "configuration in force, the last reload and the last error.")
public class StatusCommand implements Action {

    @Reference
    private IngressRoutes proxy;

    @Override
    public Object execute() {
        ProxyStatus s = proxy.status();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Enabled", s.enabled());
        table.addRow().addContent("Running", s.running());
        table.addRow().addContent("Master PID", s.masterPid() < 0 ? "-" : s.masterPid());
        table.addRow().addContent("Config hash", s.configHash().isEmpty() ? "-" : s.configHash());
        table.addRow().addContent("Last reload", s.lastReload() == null ? "-" : s.lastReload());
        table.addRow().addContent("Routes", s.routes());
        table.addRow().addContent("Routes not served", s.problems().size());
        table.addRow().addContent("Last error", s.lastError().isEmpty() ? "-" : s.lastError());
        table.print(System.out);
        return null;
    }
}
