package dev.berth.frr.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.frr.api.BgpPeer;
import dev.berth.frr.api.BgpRouting;
import dev.berth.frr.api.BgpStatus;

/** Shows whether FRR runs, what this node announces, and the session with each peer. */
@Service
@Command(scope = "bgp", name = "status", description = "Shows FRR's daemons, the AS, the prefixes announced and, "
        + "per peer, the session state and the prefixes sent and received.")
public class StatusCommand implements Action {

    @Reference
    private BgpRouting routing;

    @Override
    public Object execute() {
        BgpStatus s = routing.status();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Enabled", s.enabled());
        table.addRow().addContent("Running", s.running());
        table.addRow().addContent("Daemons", s.pids().isEmpty() ? "-" : s.pids());
        table.addRow().addContent("AS", s.asn());
        table.addRow().addContent("Router ID", s.routerId().isEmpty() ? "(FRR chooses)" : s.routerId());
        table.addRow().addContent("Config hash", s.configHash().isEmpty() ? "-" : s.configHash());
        table.addRow().addContent("Last applied", s.lastApplied() == null ? "-" : s.lastApplied());
        table.addRow().addContent("Announced", s.announced().isEmpty() ? "-" : s.announced());
        s.problems().forEach(p -> table.addRow().addContent("Not announced", p));
        table.addRow().addContent("Last error", s.lastError().isEmpty() ? "-" : s.lastError());
        table.print(System.out);

        ShellTable peers = new ShellTable();
        peers.column("Peer");
        peers.column("State");
        peers.column("Up (s)").alignRight();
        peers.column("Received").alignRight();
        peers.column("Sent").alignRight();
        peers.column("Established").alignRight();
        peers.column("Dropped").alignRight();
        for (BgpPeer p : routing.peers()) {
            peers.addRow().addContent(p.address(), p.state(), p.uptimeMillis() / 1000, p.prefixesReceived(),
                    p.prefixesSent(), p.connectionsEstablished(), p.connectionsDropped());
        }
        System.out.println();
        peers.print(System.out);
        return null;
    }
}
