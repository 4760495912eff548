package dev.berth.ipam.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.ipam.api.AddressPlan;
import dev.berth.ipam.api.NodeBlock;

/** Lists the blocks cluster nodes claimed from per-node schema pools. */
@Service
@Command(scope = "ipam", name = "blocks", description = "Lists the blocks cluster nodes claimed from schema pools "
        + "with node_length, and the node each belongs to.")
public class BlocksCommand implements Action {

    @Reference
    private AddressPlan plan;

    @Override
    public Object execute() {
        System.out.println("This node: " + plan.node());
        ShellTable table = new ShellTable();
        table.column("Space");
        table.column("Schema pool");
        table.column("Block");
        table.column("Node");
        table.column("Networks").alignRight();
        table.column("Carved through");
        table.column("Claimed at");
        for (NodeBlock b : plan.blocks()) {
            table.addRow().addContent(b.addressSpace(), b.schemaPool(), b.block(), b.node(), b.granted(),
                    b.carvedThrough() ? "yes" : "", b.claimedAt());
        }
        table.print(System.out);
        return null;
    }
}
