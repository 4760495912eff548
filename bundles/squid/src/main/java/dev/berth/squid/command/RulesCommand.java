package dev.berth.squid.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.squid.internal.SquidService;
import dev.berth.squid.waf.RuleTarget;
import dev.berth.squid.waf.WafRule;

/** Lists the WAF rules in force, in the order they are applied. */
@Service
@Command(scope = "waf", name = "rules", description = "Lists the web application firewall's rules in the order they "
        + "are applied: id, targets, hosts, message and pattern or argument.")
public class RulesCommand implements Action {

    @Reference
    private SquidService squid;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Targets");
        table.column("Hosts");
        table.column("Message");
        table.column("Argument").maxSize(60);
        for (WafRule r : squid.rules()) {
            table.addRow().addContent(r.id(), String.join(",", r.targets().stream().sorted().map(RuleTarget::label)
                    .toList()), String.join(",", r.hosts()), r.message(), r.argument());
        }
        table.print(System.out);
        System.out.println((squid.detectOnly() ? "Mode detect-only" : "Mode block") + "; rules from "
                + squid.rulesSource());
        return null;
    }
}
