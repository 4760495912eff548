package dev.berth.ipam.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.ipam.internal.NodeBlock;
import dev.berth.ipam.internal.NodeBlocks;

/** Lists the blocks cluster nodes claimed from per-node schema pools. */
@Service
@Command(scope = "ipam", name = "blocks", description = "Lists the blocks cluster nodes claimed from schema pools "
        + "with node_length, and the node each belongs to.")
public class BlocksCommand implements Action {

    @Reference
    private NodeBlocks blocks;

    @Override
    public Object execute() {
        System.out.println("This node: " + blocks.node());
        ShellTable table = new ShellTable();
        table.column("Space");
        table.column("Schema pool");
        table.column("Block");
        table.column("Node");
        table.column("Networks").alignRight();
        table.column("Carved through");
        table.column("Claimed at");
        for (NodeBlock b : blocks.blocks()) {
            table.addRow().addContent(b.space(), b.schemaPool(), b.block(), b.node(), b.granted(),
                    b.carvedThrough() ? "yes" : "", b.claimedAt());
        }
        table.print(System.out);
        return null;
    }
}
