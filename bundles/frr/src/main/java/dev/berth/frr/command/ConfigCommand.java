package dev.berth.frr.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.frr.api.BgpRouting;

/** Prints the FRR configuration Berth renders, the password masked. */
@Service
@Command(scope = "bgp", name = "config", description = "Prints the frr.conf Berth gives FRR (zebra and bgpd); "
        + "the TCP-MD5 password is shown as ********.")
public class ConfigCommand implements Action {

    @Reference
    private BgpRouting routing;

    @Override
    public Object execute() {
        System.out.print(routing.config());
        return null;
    }
}
