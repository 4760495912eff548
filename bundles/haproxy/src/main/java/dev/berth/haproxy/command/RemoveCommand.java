package dev.berth.haproxy.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.haproxy.api.IngressRoutes;

/** Removes static routes. */
@Service
@Command(scope = "proxy", name = "remove", description = "Removes the static routes of a host name (every path) and "
        + "reloads HAProxy. Routes from container labels go with their labels.")
public class RemoveCommand implements Action {

    @Argument(index = 0, name = "host", required = true, description = "The route's (first) host name.")
    @Completion(RouteHostCompleter.class)
    private String host;

    @Reference
    private IngressRoutes proxy;

    @Override
    public Object execute() {
        System.out.println(proxy.remove(host) ? "Removed the static routes of " + host
                : "No static route for " + host);
        return null;
    }
}
