package dev.berth.tags.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.tags.api.Problem;
import dev.berth.tags.api.TagPolicy;

/** Lists problems with containers' tags. */
@Service
@Command(scope = "tag", name = "problems", description = "Lists problems with containers' tags: malformed or unknown "
        + "tags, tags that select no network, labels that cannot be applied.")
public class ProblemsCommand implements Action {

    @Reference
    private TagPolicy policy;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Container");
        table.column("Problem");
        for (Problem p : policy.problems()) {
            table.addRow().addContent(p.container(), p.message());
        }
        table.print(System.out);
        return null;
    }
}
