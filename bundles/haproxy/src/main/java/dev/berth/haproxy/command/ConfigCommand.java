package dev.berth.haproxy.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.haproxy.api.IngressRoutes;

/** Prints the rendered HAProxy configuration. */
@Service
@Command(scope = "proxy", name = "config", description = "Prints the HAProxy configuration as last rendered. It names "
        + "the certificate files but holds no key.")
public class ConfigCommand implements Action {

    @Reference
    private IngressRoutes proxy;

    @Override
    public Object execute() {
        String config = proxy.config();
        System.out.print(config.isEmpty() ? "(nothing rendered yet)\n" : config);
        return null;
    }
}
