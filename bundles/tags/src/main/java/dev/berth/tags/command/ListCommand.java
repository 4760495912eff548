package dev.berth.tags.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.tags.api.TagInfo;
import dev.berth.tags.api.TagPolicy;

/** Lists tags with their networks and containers. */
@Service
@Command(scope = "tag", name = "list", description = "Lists the tags: the networks carrying each, and the containers "
        + "with it as egress (may connect) or ingress (accepts connections).")
public class ListCommand implements Action {

    @Reference
    private TagPolicy policy;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Tag");
        table.column("Networks");
        table.column("Egress containers");
        table.column("Ingress containers");
        for (TagInfo t : policy.tags()) {
            table.addRow().addContent(t.tag(), t.networks().isEmpty() ? "(none)" : String.join(" ", t.networks()),
                    String.join(" ", t.egress()), String.join(" ", t.ingress()));
        }
        table.print(System.out);
        return null;
    }
}
