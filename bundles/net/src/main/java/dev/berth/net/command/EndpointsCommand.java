package dev.berth.net.command;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.EndpointInfo;

/** Shows the endpoints of one network. */
@Service
@Command(scope = "net", name = "endpoints", description = "Shows the endpoints of a berth network: interface, "
        + "MAC, addresses, container namespace and published ports.")
public class EndpointsCommand implements Action {

    @Reference
    private BerthNetworks networks;

    @Argument(index = 0, name = "network", description = "The network ID or a unique prefix of it.", required = true)
    @Completion(NetworkIdCompleter.class)
    private String network;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Endpoint");
        table.column("Interface");
        table.column("MAC");
        table.column("Addresses");
        table.column("Container namespace");
        table.column("Published");
        for (EndpointInfo e : networks.endpoints(network)) {
            table.addRow().addContent(e.endpointId().substring(0, 12), e.hostInterface(), e.mac(),
                    e.addresses().stream().map(IpPrefix::format).collect(Collectors.joining(" ")),
                    e.joined() ? e.sandbox() : "(not joined)",
                    e.ports().isEmpty() ? "-" : e.ports().stream().map(p -> (p.hostIp().isEmpty() ? "" : p.hostIp() + ":")
                            + p.hostPort() + "->" + p.containerPort() + "/" + p.protocol())
                            .collect(Collectors.joining(" ")));
        }
        table.print(System.out);
        return null;
    }
}
