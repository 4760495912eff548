package dev.berth.haproxy.command;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.IngressRoutes;
import dev.berth.haproxy.api.RouteProblem;

/** Lists the ingress routes and the ones that are not served. */
@Service
@Command(scope = "proxy", name = "routes", description = "Lists the ingress proxy's routes (static and from container "
        + "labels) and the routes that are not served, with the reason.")
public class RoutesCommand implements Action {

    @Reference
    private IngressRoutes proxy;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Hosts");
        table.column("Path");
        table.column("Servers");
        table.column("Certificate set");
        table.column("Health");
        table.column("Origin");
        for (IngressRoute r : proxy.routes()) {
            table.addRow().addContent(String.join(",", r.hosts()), r.pathPrefix().isEmpty() ? "/" : r.pathPrefix(),
                    r.servers().stream().map(Object::toString).collect(Collectors.joining(",")), r.certificateSet(),
                    r.healthPath().isEmpty() ? "tcp" : r.healthPath(), r.origin());
        }
        table.print(System.out);
        for (RouteProblem p : proxy.status().problems()) {
            System.out.println("not served: " + p);
        }
        return null;
    }
}
