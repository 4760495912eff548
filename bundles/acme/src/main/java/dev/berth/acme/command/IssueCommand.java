package dev.berth.acme.command;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.berth.acme.api.AcmeChallenge;
import dev.berth.acme.api.AcmeIssuer;
import dev.berth.acme.api.IssuedChain;
import dev.berth.certs.api.Pem;

/** Obtains a certificate from the ACME CA, to test the setup; the new private key is not kept or shown. */
@Service
@Command(scope = "acme", name = "issue", description = "Obtains a certificate for DNS names from the configured "
        + "ACME CA with a fresh EC P-256 key (discarded afterwards) and shows the chain and the challenge answered. "
        + "For testing the setup.")
public class IssueCommand implements Action {

    @Reference
    private AcmeIssuer issuer;

    @Argument(index = 0, name = "names", description = "The DNS names, the first one the subject's common name.",
            required = true, multiValued = true)
    private List<String> names;

    @Option(name = "--pem", description = "Print the chain as PEM as well.")
    private boolean pem;

    @Option(name = "--challenge", description = "The challenge to answer: http-01 or dns-01 (Berth's DNS server "
            + "must serve every name's zone; wildcard names need it). Default: the challenge setting.")
    @Completion(value = StringsCompleter.class, values = {"http-01", "dns-01"})
    private String challenge;

    @Override
    public Object execute() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        AcmeChallenge answered = challenge == null ? issuer.status().challenge() : AcmeChallenge.ofType(challenge);
        IssuedChain chain = issuer.issue(names, key, answered);
        ShellTable table = new ShellTable();
        table.column("Subject");
        table.column("Issuer");
        table.column("Names");
        table.column("Not after");
        for (X509Certificate c : chain.certificates()) {
            table.addRow().addContent(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                    dnsNames(c), c.getNotAfter().toInstant());
        }
        table.print(System.out);
        System.out.println("Challenge: " + answered.type());
        System.out.println("Certificate URL: " + chain.location());
        if (pem) {
            System.out.print(Pem.certificates(chain.certificates()));
        }
        return null;
    }

    private static String dnsNames(X509Certificate c) throws CertificateParsingException {
        if (c.getSubjectAlternativeNames() == null) {
            return "-";
        }
        return String.join(", ", c.getSubjectAlternativeNames().stream().filter(n -> (Integer) n.get(0) == 2)
                .map(n -> (String) n.get(1)).toList());
    }
}
