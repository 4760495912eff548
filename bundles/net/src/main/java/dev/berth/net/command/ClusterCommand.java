package dev.berth.net.command;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.PeerNetwork;

/** Lists the other nodes' networks that share a tag with this host's, and how this host routes to them. */
@Service
@Command(scope = "net", name = "cluster", description = "Lists the other nodes' networks sharing a tag with a network "
        + "of this host: their members of the shared tags and this host's route to each subnet.")
public class ClusterCommand implements Action {

    @Reference
    private BerthNetworks networks;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.emptyTableText("no other node shares a tag with this host's networks");
        table.column("Node");
        table.column("Network");
        table.column("Subnets");
        table.column("Shared tags");
        table.column("Here");
        table.column("Egress").alignRight();
        table.column("Ingress").alignRight();
        table.column("Routes");
        for (PeerNetwork p : networks.peers()) {
            table.addRow().addContent(p.host(), p.networkId().substring(0, 12),
                    p.subnets().stream().map(IpPrefix::toString).collect(Collectors.joining(" ")),
                    String.join(",", p.tags()),
                    p.localNetworks().stream().map(id -> id.substring(0, 12)).collect(Collectors.joining(" ")),
                    p.egress(), p.ingress(), String.join("; ", p.routes()));
        }
        table.print(System.out);
        return null;
    }
}
