package dev.berth.haproxy.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.IngressRoutes;

/** Completes the host names of static routes. */
@Service
public class RouteHostCompleter implements Completer {

    @Reference
    private IngressRoutes proxy;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        proxy.routes().stream().filter(r -> IngressRoute.STATIC.equals(r.origin()))
                .forEach(r -> names.getStrings().add(r.hosts().get(0)));
        return names.complete(session, commandLine, candidates);
    }
}
