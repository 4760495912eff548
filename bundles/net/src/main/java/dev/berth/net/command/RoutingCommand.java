package dev.berth.net.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.RoutingMode;

/** Shows how routing domains are built on this host. */
@Service
@Command(scope = "net", name = "routing", description = "Shows whether networks get a VRF each or policy-routing "
        + "tables, and why.")
public class RoutingCommand implements Action {

    @Reference
    private BerthNetworks networks;

    @Override
    public Object execute() {
        RoutingMode mode = networks.routingMode();
        System.out.println("Routing domains: " + (mode.vrf() ? "a VRF per network" : "policy-routing tables and rules"));
        System.out.println("Because: " + mode.reason());
        return null;
    }
}
