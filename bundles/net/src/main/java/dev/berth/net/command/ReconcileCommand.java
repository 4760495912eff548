package dev.berth.net.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.ReconcileReport;

/** Brings the kernel in line with the stored networks and prints what changed. */
@Service
@Command(scope = "net", name = "reconcile", description = "Brings the kernel in line with the stored networks: "
        + "recreates what is missing, removes what Berth owns but no longer knows, and prints what changed.")
public class ReconcileCommand implements Action {

    @Reference
    private BerthNetworks networks;

    @Override
    public Object execute() {
        ReconcileReport report = networks.reconcile();
        if (report.unchanged()) {
            System.out.println("The kernel matches the store: nothing changed.");
        }
        report.created().forEach(c -> System.out.println("created: " + c));
        report.removed().forEach(r -> System.out.println("removed: " + r));
        return null;
    }
}
