package dev.berth.net.command;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.docker.api.Container;
import dev.berth.docker.api.DockerEngine;
import dev.berth.docker.api.DockerException;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.EndpointInfo;

/** Shows the endpoints of one network, with the containers Docker says own them. */
@Service
@Command(scope = "net", name = "endpoints", description = "Shows the endpoints of a berth network: container, "
        + "interface, MAC, addresses, container namespace and published ports.")
public class EndpointsCommand implements Action {

    @Reference
    private BerthNetworks networks;

    /** Names the containers; without it (or with Docker unreachable) the column says so. */
    @Reference(optional = true)
    private DockerEngine docker;

    @Argument(index = 0, name = "network", description = "The network's Docker name, its ID or a unique prefix of it.",
            required = true)
    @Completion(NetworkIdCompleter.class)
    private String network;

    @Override
    public Object execute() {
        Map<String, String> containers = new HashMap<>();
        String id = network;
        String unnamed = "?";
        if (docker == null) {
            unnamed = "(no Docker client)";
        } else {
            try {
                for (Map.Entry<String, String> n : docker.networkNames().entrySet()) {
                    if (n.getValue().equals(network)) {
                        id = n.getKey();
                    }
                }
                for (Container c : docker.containers()) {
                    c.networks().values().forEach(a -> containers.put(a.endpointId(), c.name()));
                }
            } catch (DockerException e) {
                unnamed = "(Docker: " + e.getMessage() + ")";
            }
        }
        ShellTable table = new ShellTable();
        table.column("Endpoint");
        table.column("Container");
        table.column("Interface");
        table.column("MAC");
        table.column("Addresses");
        table.column("Container namespace");
        table.column("Published");
        for (EndpointInfo e : networks.endpoints(id)) {
            table.addRow().addContent(e.endpointId().substring(0, 12), containers.getOrDefault(e.endpointId(), unnamed),
                    e.hostInterface(), e.mac(),
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
