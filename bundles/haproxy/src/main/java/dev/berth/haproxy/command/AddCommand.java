package dev.berth.haproxy.command;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.IngressRoutes;

/** Adds a static route. */
@Service
@Command(scope = "proxy", name = "add", description = "Adds (or replaces) a static ingress route and reloads HAProxy. "
        + "Static routes added here last until Berth restarts; put permanent ones in static.routes of "
        + "dev.berth.haproxy.")
public class AddCommand implements Action {

    @Argument(index = 0, name = "host", required = true, description = "The host name the route answers.")
    private String host;

    @Argument(index = 1, name = "backends", required = true, multiValued = true,
            description = "The backend servers, address:port each (IPv6 as [address]:port).")
    private List<String> backends;

    @Option(name = "--path", description = "Only requests whose path starts with this prefix, for example /api.")
    private String path = "";

    @Option(name = "--alias", multiValued = true, description = "Further host names of the route.")
    private List<String> aliases = new ArrayList<>();

    @Option(name = "--tls", description = "The certificate set to serve; default ingress.<host>.")
    private String set;

    @Option(name = "--health", description = "Path of an HTTP health check (GET, 2xx/3xx is healthy); default a TCP "
            + "connect check.")
    private String health = "";

    @Reference
    private IngressRoutes proxy;

    @Override
    public Object execute() {
        List<BackendServer> servers = backends.stream().map(BackendServer::parse).toList();
        List<String> hosts = new ArrayList<>(List.of(host));
        hosts.addAll(aliases);
        String certificateSet = set == null || set.isBlank() ? IngressRoute.defaultCertificateSet(host) : set;
        IngressRoute r = proxy.add(new IngressRoute(hosts, path, servers, certificateSet, health, IngressRoute.STATIC));
        System.out.println("Route " + r.key() + " -> " + r.servers() + " (certificate set " + r.certificateSet() + ")");
        return null;
    }
}
