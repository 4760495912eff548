package dev.berth.store.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.store.api.Store;
import dev.berth.store.api.StoreStatus;

/** Shows which database Berth uses. */
@Service
@Command(scope = "store", name = "status", description = "Shows the database Berth keeps its state in.")
public class StoreStatusCommand implements Action {

    @Reference
    private Store store;

    @Override
    public Object execute() {
        StoreStatus s = store.status();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("URL", s.url());
        table.addRow().addContent("Server version", s.serverVersion());
        table.addRow().addContent("Embedded", s.embedded() ? "yes (run by Berth)" : "no (external)");
        if (s.dataDirectory() != null) {
            table.addRow().addContent("Data directory", s.dataDirectory());
        }
        table.print(System.out);
        return null;
    }
}
