package dev.berth.volumes.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.volumes.api.CertificateVolumes;
import dev.berth.volumes.api.DriverStatus;

/** Shows the volume driver as a client of the certificate manager. */
@Service
@Command(scope = "vol", name = "status", description = "Shows the volume driver's identity at the certificate "
        + "manager, where it reaches it, and the last failure.")
public class StatusCommand implements Action {

    @Reference
    private CertificateVolumes volumes;

    @Override
    public Object execute() {
        DriverStatus s = volumes.status();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Client identity", s.clientId());
        table.addRow().addContent("Enrollment", s.enrollServer());
        table.addRow().addContent("WebDAV and REST", s.webdavServer());
        table.addRow().addContent("Client certificate", s.enrolled() ? "valid until " + s.clientCertificateExpiry()
                : "none yet (enrolls at the first request)");
        table.addRow().addContent("Checks", "every " + s.pollInterval().toSeconds() + " s");
        table.addRow().addContent("Mounted volumes", s.mountedVolumes());
        table.addRow().addContent("Last error", s.lastError().isEmpty() ? "-" : s.lastError());
        table.print(System.out);
        return null;
    }
}
