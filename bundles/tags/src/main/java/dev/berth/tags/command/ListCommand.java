package dev.berth.tags.command;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.PeerNetwork;
import dev.berth.tags.api.TagInfo;
import dev.berth.tags.api.TagPolicy;

/** Lists tags with their networks and containers. */
@Service
@Command(scope = "tag", name = "list", description = "Lists the tags: the networks carrying each, the containers "
        + "with it as egress (may connect) or ingress (accepts connections), and the other nodes' networks carrying it.")
public class ListCommand implements Action {

    @Reference
    private TagPolicy policy;

    /** The network driver, for the other nodes' networks carrying a tag; absent while its bundle is stopped. */
    @Reference(optional = true)
    private BerthNetworks networks;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Tag");
        table.column("Networks");
        table.column("Egress containers");
        table.column("Ingress containers");
        table.column("Other nodes");
        List<PeerNetwork> peers = networks == null ? List.of() : networks.peers();
        for (TagInfo t : policy.tags()) {
            String elsewhere = peers.stream().filter(p -> p.tags().contains(t.tag()))
                    .map(p -> p.host() + ":" + p.networkId().substring(0, 12)).collect(Collectors.joining(" "));
            table.addRow().addContent(t.tag(), t.networks().isEmpty() ? "(none)" : String.join(" ", t.networks()),
                    String.join(" ", t.egress()), String.join(" ", t.ingress()), elsewhere.isEmpty() ? "-" : elsewhere);
        }
        table.print(System.out);
        return null;
    }
}
