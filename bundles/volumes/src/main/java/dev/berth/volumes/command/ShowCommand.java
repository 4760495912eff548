package dev.berth.volumes.command;

import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.volumes.api.CertificateVolumes;
import dev.berth.volumes.api.VolumeInfo;

/** Shows one certificate volume in full. */
@Service
@Command(scope = "vol", name = "show", description = "Shows a certificate volume: its options, certificate set, "
        + "current certificate, mount point, mounts, containers and the last check.")
public class ShowCommand implements Action {

    @Reference
    private CertificateVolumes volumes;

    @Argument(index = 0, name = "volume", required = true, description = "The Docker volume name.")
    @Completion(VolumeNameCompleter.class)
    private String name;

    @Override
    public Object execute() {
        VolumeInfo v = volumes.volume(name).orElseThrow(() -> new IllegalArgumentException("no volume named "
                + name));
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("Volume", v.name());
        table.addRow().addContent("Issuer", "acme".equals(v.issuer())
                ? "acme (the ACME CA of Berth's ACME client; the key is only in memory and in the volume)"
                : "berth (Berth's CA)");
        if (!v.setName().isEmpty()) {
            table.addRow().addContent("Certificate set", v.setName() + (v.ownsSet()
                    ? " (created for this volume; deleted with the last volume using it)" : " (existing set, kept)"));
        }
        Map<String, String> options = new TreeMap<>(v.options());
        table.addRow().addContent("Options", options.isEmpty() ? "-" : options.toString());
        table.addRow().addContent("Names", String.join(", ", v.subjectNames()));
        table.addRow().addContent("Serial", v.serial().isEmpty() ? "-" : v.serial());
        table.addRow().addContent("Expires", v.notAfter() == null ? "-" : v.notAfter());
        table.addRow().addContent("Mount point", v.mountpoint().isEmpty() ? "(not mounted)" : v.mountpoint());
        table.addRow().addContent("Mounts", v.mounts());
        table.addRow().addContent("Containers", v.containers().isEmpty() ? "-" : String.join(", ", v.containers()));
        table.addRow().addContent("Created", v.createdAt());
        table.addRow().addContent("Last check", v.lastRefresh() == null ? "-" : v.lastRefresh());
        table.addRow().addContent("Last error", v.lastError().isEmpty() ? "-" : v.lastError());
        table.print(System.out);
        return null;
    }
}
