package dev.berth.dns.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.dns.api.DnsRegistry;

/** Removes static records. */
@Service
@Command(scope = "dns", name = "remove", description = "Removes static records: those of a type at a name, or the "
        + "one with the given data.")
public class RemoveCommand implements Action {

    @Reference
    private DnsRegistry registry;

    @Argument(index = 0, name = "name", description = "The owner name, as given to dns:add.", required = true)
    private String name;

    @Argument(index = 1, name = "type", description = "The record type.", required = true)
    @Completion(TypeCompleter.class)
    private String type;

    @Argument(index = 2, name = "data", description = "The record data; without it every static record of the "
            + "type at the name is removed.", multiValued = true)
    private List<String> data;

    @Override
    public Object execute() {
        int removed = registry.removeStaticRecords(name, type, data == null ? "" : String.join(" ", data));
        System.out.println(removed == 0 ? "No static " + type + " record matched at " + name
                : "Removed " + removed + " static " + type + " record(s) at " + name);
        return null;
    }
}
