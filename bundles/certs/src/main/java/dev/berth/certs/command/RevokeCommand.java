package dev.berth.certs.command;

import java.math.BigInteger;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.certs.api.CertificateAuthority;
import dev.berth.certs.api.CertificateRecord;
import dev.berth.certs.api.CertificateSets;
import dev.berth.certs.api.RevocationReason;

/** Revokes a set's certificate, or any issued certificate by serial. */
@Service
@Command(scope = "cert", name = "revoke", description = "Revokes a set's current certificate, or a certificate by "
        + "serial (--serial); the CRL is re-signed at once and Berth's listeners refuse it.")
public class RevokeCommand implements Action {

    @Reference
    private CertificateSets sets;

    @Reference
    private CertificateAuthority ca;

    @Argument(index = 0, name = "target", description = "The set's name, or with --serial the serial in hexadecimal.",
            required = true)
    @Completion(SetNameCompleter.class)
    private String target;

    @Option(name = "--serial", aliases = "-s", description = "The argument is a serial number (cert:issued shows them).")
    private boolean serial;

    @Option(name = "--reason", description = "unspecified, key-compromise, affiliation-changed, superseded or "
            + "cessation-of-operation.")
    @Completion(value = StringsCompleter.class, values = {"unspecified", "key-compromise", "affiliation-changed",
        "superseded", "cessation-of-operation"})
    private String reason = "unspecified";

    @Override
    public Object execute() {
        RevocationReason why = RevocationReason.valueOf(reason.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (serial) {
            CertificateRecord r = ca.revoke(new BigInteger(target, 16), why);
            System.out.println("Revoked certificate " + r.serialHex() + " of " + r.setName());
        } else {
            System.out.println("Revoked set " + sets.revoke(target, why).name() + "; cert:renew issues a new one");
        }
        return null;
    }
}
