package dev.berth.frr.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.frr.api.BgpRoute;
import dev.berth.frr.api.BgpRouting;

/** Lists bgpd's routes: the prefixes this node announces and those learned from peers. */
@Service
@Command(scope = "bgp", name = "routes", description = "Lists the BGP routes, IPv4 then IPv6: prefix, next hop, "
        + "the peer it came from (local for this node's own networks) and whether it is the best path.")
public class RoutesCommand implements Action {

    @Reference
    private BgpRouting routing;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Prefix");
        table.column("Next hop");
        table.column("From");
        table.column("Best");
        for (BgpRoute r : routing.routes()) {
            table.addRow().addContent(r.prefix(), r.nextHop().isEmpty() ? "-" : r.nextHop(),
                    r.local() ? "local" : r.peer(), r.best() ? "*" : "");
        }
        table.print(System.out);
        return null;
    }
}
