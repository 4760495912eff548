package dev.berth.tags.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.docker.api.Container;
import dev.berth.docker.api.DockerEngine;

/** Completes container names. */
@Service
public class ContainerCompleter implements Completer {

    @Reference
    private DockerEngine docker;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        docker.containers().stream().map(Container::name).forEach(strings.getStrings()::add);
        return strings.complete(session, commandLine, candidates);
    }
}
