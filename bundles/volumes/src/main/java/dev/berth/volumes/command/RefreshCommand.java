package dev.berth.volumes.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.berth.volumes.api.CertificateVolumes;

/** Checks a volume against the certificate manager now. */
@Service
@Command(scope = "vol", name = "refresh", description = "Reads a volume's certificate set now and replaces its files "
        + "when they changed (renewing the set first when it is due), then signals its containers.")
public class RefreshCommand implements Action {

    @Reference
    private CertificateVolumes volumes;

    @Argument(index = 0, name = "volume", required = true, description = "The Docker volume name.")
    @Completion(VolumeNameCompleter.class)
    private String name;

    @Override
    public Object execute() {
        boolean replaced = volumes.refresh(name);
        System.out.println(replaced ? "Replaced the files of volume " + name
                : "Volume " + name + " is current (or not mounted)");
        return null;
    }
}
