package dev.berth.squid.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.squid.internal.SquidService;

/** Reads the rule file again. */
@Service
@Command(scope = "waf", name = "reload", description = "Reads waf.rules.file (or the built-in rules) again and puts "
        + "the rules in force for new requests; a file with a bad rule is refused and the rules in force stay.")
public class ReloadCommand implements Action {

    @Reference
    private SquidService squid;

    @Override
    public Object execute() {
        System.out.println(squid.reloadRules() + " rules in force");
        return null;
    }
}
