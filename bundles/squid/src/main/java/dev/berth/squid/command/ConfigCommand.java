package dev.berth.squid.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.squid.internal.SquidService;

/** Prints the squid.conf Berth renders. */
@Service
@Command(scope = "squid", name = "config", description = "Prints the squid.conf Berth renders; it names the ICAP "
        + "client key file and never holds a key.")
public class ConfigCommand implements Action {

    @Reference
    private SquidService squid;

    @Override
    public Object execute() {
        System.out.print(squid.config());
        return null;
    }
}
