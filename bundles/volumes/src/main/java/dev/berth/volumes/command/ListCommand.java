package dev.berth.volumes.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.volumes.api.CertificateVolumes;
import dev.berth.volumes.api.VolumeInfo;

/** Lists the certificate volumes of this host with their certificate, expiry, mounts and containers. */
@Service
@Command(scope = "vol", name = "list", description = "Lists the certificate volumes of this host: issuer, certificate set, "
        + "names, serial, expiry, mount count and the containers using each.")
public class ListCommand implements Action {

    @Reference
    private CertificateVolumes volumes;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Volume");
        table.column("Issuer");
        table.column("Set");
        table.column("Names");
        table.column("Serial");
        table.column("Expires");
        table.column("Mounts").alignRight();
        table.column("Containers");
        table.column("Problem");
        for (VolumeInfo v : volumes.volumes()) {
            table.addRow().addContent(v.name(), v.issuer(),
                    v.setName().isEmpty() ? "-" : v.setName() + (v.ownsSet() ? "" : " (shared)"),
                    String.join(",", v.subjectNames()), v.serial().isEmpty() ? "-" : v.serial(),
                    v.notAfter() == null ? "-" : v.notAfter(), v.mounts(),
                    v.containers().isEmpty() ? "-" : String.join(",", v.containers()),
                    v.lastError().isEmpty() ? "" : v.lastError());
        }
        table.print(System.out);
        return null;
    }
}
