package dev.berth.net.command;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.NetworkInfo;

/** Lists Berth networks with their bridge, routing domain, subnets and endpoints. */
@Service
@Command(scope = "net", name = "networks", description = "Lists the berth networks of this host: bridge, routing "
        + "domain, subnets, egress and endpoints.")
public class NetworksCommand implements Action {

    @Reference
    private BerthNetworks networks;

    @Override
    public Object execute() {
        boolean vrf = networks.routingMode().vrf();
        ShellTable table = new ShellTable();
        table.column("Network");
        table.column("Bridge");
        table.column("Routing domain");
        table.column("Subnets");
        table.column("Egress");
        table.column("Tags");
        table.column("MTU").alignRight();
        table.column("Endpoints").alignRight();
        for (NetworkInfo n : networks.networks()) {
            String domain = vrf ? "vrf bv-" + n.id().substring(0, 12) + " table " + n.table() : "table " + n.table();
            table.addRow().addContent(n.id().substring(0, 12), n.bridge(), domain,
                    n.subnets().stream().map(IpPrefix::toString).collect(Collectors.joining(" ")),
                    n.internal() ? "internal" : n.egress().name().toLowerCase(java.util.Locale.ROOT),
                    n.tags().isEmpty() ? "-" : String.join(",", n.tags()), n.mtu(), n.endpoints());
        }
        table.print(System.out);
        return null;
    }
}
