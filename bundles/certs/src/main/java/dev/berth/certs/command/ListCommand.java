package dev.berth.certs.command;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSets;

/** Lists the certificate sets. */
@Service
@Command(scope = "cert", name = "list", description = "Lists certificate sets: names, status, expiry, renewal, readers.")
public class ListCommand implements Action {

    @Reference
    private CertificateSets sets;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : List.of("Set", "Common name", "Names", "Profile", "Status", "Expires", "Renews",
                "Readers")) {
            table.column(column);
        }
        for (CertificateSet s : sets.list()) {
            List<String> names = new ArrayList<>(s.spec().dnsNames());
            s.spec().ipAddresses().stream().map(InetAddress::getHostAddress).forEach(names::add);
            table.addRow().addContent(s.name(), s.spec().commonName(), String.join(",", names),
                    s.spec().profile().name().toLowerCase(java.util.Locale.ROOT), s.status(), s.notAfter(),
                    s.renewAfter(), String.join(",", s.spec().readers().stream().sorted().toList()));
        }
        table.print(System.out);
        return null;
    }
}
