package dev.berth.tags.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.tags.api.ContainerTags;
import dev.berth.tags.api.TagPolicy;

/** Shows a container's tags, attachments and allowed peers. */
@Service
@Command(scope = "tag", name = "container", description = "Shows a container's tags, the networks they attach it to, "
        + "the containers it may open connections to, and problems with its labels.")
public class ContainerCommand implements Action {

    @Reference
    private TagPolicy policy;

    @Argument(index = 0, name = "container", description = "The container's name or ID.", required = true)
    @Completion(ContainerCompleter.class)
    private String container;

    @Override
    public Object execute() {
        ContainerTags c = policy.container(container);
        System.out.println("Container: " + c.name() + " (" + c.id().substring(0, 12) + ")");
        System.out.println("Egress tags: " + (c.egress().isEmpty() ? "none" : String.join(",", new java.util.TreeSet<>(c.egress()))));
        System.out.println("Ingress tags: " + (c.ingress().isEmpty() ? "none" : String.join(",", new java.util.TreeSet<>(c.ingress()))));
        System.out.println("Networks: " + (c.networks().isEmpty() ? "none" : String.join(" ", c.networks())));
        System.out.println("May connect to: " + (c.peers().isEmpty() ? "nobody" : String.join(" ", c.peers())));
        c.problems().forEach(p -> System.out.println("Problem: " + p));
        return null;
    }
}
