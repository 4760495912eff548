package dev.berth.certs.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.certs.api.CertificateAuthority;
import dev.berth.certs.api.CertificateRecord;
import dev.berth.certs.api.CertificateStatus;

/** Lists every certificate the CA issued. */
@Service
@Command(scope = "cert", name = "issued", description = "Lists the certificates the CA issued (the ledger).")
public class IssuedCommand implements Action {

    @Reference
    private CertificateAuthority ca;

    @Option(name = "--active", aliases = "-a", description = "Only certificates neither revoked nor expired.")
    private boolean active;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Serial");
        table.column("Set / client");
        table.column("Subject");
        table.column("Expires");
        table.column("Status");
        for (CertificateRecord r : ca.certificates()) {
            if (!active || r.status() == CertificateStatus.ACTIVE) {
                table.addRow().addContent(r.serialHex(), r.setName(), r.subject(), r.notAfter(),
                        r.status() + (r.revocationReason() == null ? "" : " (" + r.revocationReason() + ")"));
            }
        }
        table.print(System.out);
        return null;
    }
}
