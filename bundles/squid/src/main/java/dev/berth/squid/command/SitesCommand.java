package dev.berth.squid.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.haproxy.api.RouteProblem;
import dev.berth.squid.internal.PublishedSites;
import dev.berth.squid.internal.SquidService;

/** Lists the containers published through the reverse proxy and the ones whose labels are wrong. */
@Service
@Command(scope = "waf", name = "sites", description = "Lists the host names published through Squid's reverse proxy "
        + "(containers labelled berth.waf.host and berth.waf.port), the backend each is forwarded to through the "
        + "web application firewall, and the containers not published because of wrong labels.")
public class SitesCommand implements Action {

    @Reference
    private SquidService squid;

    @Override
    public Object execute() {
        if (!squid.reverseEnabled()) {
            System.out.println("The reverse proxy is off (reverse.enabled=false in dev.berth.squid)");
            return null;
        }
        PublishedSites sites = squid.sites();
        ShellTable table = new ShellTable();
        table.column("Hosts");
        table.column("Backend");
        table.column("Origin");
        sites.sites().forEach(s -> table.addRow().addContent(String.join(",", s.hosts()), s.backend(), s.origin()));
        table.print(System.out);
        for (RouteProblem p : sites.problems()) {
            System.out.println("not published: " + p);
        }
        return null;
    }
}
