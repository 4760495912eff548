package dev.berth.tags.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.tags.api.TagPolicy;
import dev.berth.tags.api.Verdict;

/** Explains whether a new connection from one container to another passes. */
@Service
@Command(scope = "tag", name = "explain", description = "Explains whether a new connection from one container to "
        + "another is allowed or refused, and why.")
public class ExplainCommand implements Action {

    @Reference
    private TagPolicy policy;

    @Argument(index = 0, name = "from", description = "The container opening the connection.", required = true)
    @Completion(ContainerCompleter.class)
    private String from;

    @Argument(index = 1, name = "to", description = "The container receiving it.", required = true)
    @Completion(ContainerCompleter.class)
    private String to;

    @Override
    public Object execute() {
        Verdict v = policy.explain(from, to);
        System.out.println(from + " -> " + to + ": " + v.reason());
        return null;
    }
}
