package dev.berth.certs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.certs.api.EnrollmentRegistry;

/** Removes an enrollment client. */
@Service
@Command(scope = "cert", name = "enroll-remove", description = "Removes an enrollment client: its key no longer "
        + "enrolls (certificates it obtained stay valid until revoked).")
public class EnrollRemoveCommand implements Action {

    @Reference
    private EnrollmentRegistry registry;

    @Argument(index = 0, name = "client", description = "The client's identity.", required = true)
    @Completion(ClientIdCompleter.class)
    private String clientId;

    @Override
    public Object execute() {
        registry.remove(clientId);
        System.out.println("Removed enrollment client " + clientId);
        return null;
    }
}
