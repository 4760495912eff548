package dev.berth.certs.command;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.certs.api.CaInfo;
import dev.berth.certs.api.CertificateAuthority;
import dev.berth.certs.api.Pem;

/** Shows the CA: its certificates, counters, the CRL and whether records reach the database. */
@Service
@Command(scope = "cert", name = "ca", description = "Shows Berth's certificate authority.")
public class CaCommand implements Action {

    @Reference
    private CertificateAuthority ca;

    @Option(name = "--pem", description = "Print the root certificate in PEM, for clients to trust.")
    private boolean pem;

    @Override
    public Object execute() throws Exception {
        CaInfo info = ca.info();
        if (pem) {
            System.out.print(Pem.certificates(java.util.List.of(info.root())));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        row(table, "Root", info.root());
        row(table, "Issuing", info.issuing());
        table.addRow().addContent("Key algorithm", info.keyAlgorithm());
        table.addRow().addContent("Certificates issued", info.issued());
        table.addRow().addContent("Revoked", info.revoked());
        table.addRow().addContent("CRL", "number " + info.crlNumber() + ", next update " + info.crlNextUpdate());
        table.addRow().addContent("Database", info.storeAttached() ? "records written" : "not attached");
        table.print(System.out);
        return null;
    }

    private static void row(ShellTable table, String what, X509Certificate c) throws Exception {
        table.addRow().addContent(what, c.getSubjectX500Principal().getName() + ", valid until "
                + c.getNotAfter().toInstant() + ", SHA-256 " + HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
    }
}
