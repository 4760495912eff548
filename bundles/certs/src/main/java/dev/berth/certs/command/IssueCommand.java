package dev.berth.certs.command;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.CertificateSets;
import dev.berth.certs.api.KeyAlgorithm;

/** Creates a certificate set: a key and a certificate for the names given, renewed automatically. */
@Service
@Command(scope = "cert", name = "issue", description = "Creates a certificate set (key and certificate), renewed "
        + "automatically; readers may fetch it over WebDAV at /certs/NAME/.")
public class IssueCommand implements Action {

    @Reference
    private CertificateSets sets;

    @Argument(index = 0, name = "name", description = "The set's name (lower-case letters, digits, '.', '_', '-').",
            required = true)
    private String name;

    @Option(name = "--dns", aliases = "-d", multiValued = true, description = "A DNS name; repeat for several.")
    private List<String> dns = new ArrayList<>();

    @Option(name = "--ip", aliases = "-i", multiValued = true, description = "An IP address; repeat for several.")
    private List<String> ips = new ArrayList<>();

    @Option(name = "--cn", description = "The subject common name; default the set's name.")
    private String commonName = "";

    @Option(name = "--profile", aliases = "-p", description = "server, client or peer (both).")
    @Completion(value = StringsCompleter.class, values = {"server", "client", "peer"})
    private String profile = "server";

    @Option(name = "--ttl", aliases = "-t", description = "Lifetime, for example 30d or 12h; default the configured one.")
    private String ttl;

    @Option(name = "--key", aliases = "-k", description = "Key type: ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096.")
    @Completion(value = StringsCompleter.class, values = {"ec-p256", "ec-p384", "rsa-2048", "rsa-3072", "rsa-4096"})
    private String key;

    @Option(name = "--reader", aliases = "-r", multiValued = true,
            description = "A client identity allowed to read the set over WebDAV; repeat for several.")
    private List<String> readers = new ArrayList<>();

    @Override
    public Object execute() throws Exception {
        List<InetAddress> addresses = new ArrayList<>();
        for (String ip : ips) {
            addresses.add(InetAddress.getByName(ip.trim()));
        }
        CertificateSet set = sets.create(new CertificateSetSpec(name, commonName, dns, addresses, Durations.parse(ttl),
                CertificateProfile.valueOf(profile.toUpperCase(Locale.ROOT)),
                key == null ? null : KeyAlgorithm.parse(key), Set.copyOf(readers)));
        System.out.println("Issued set " + set.name() + ": serial " + set.serialHex() + ", valid until "
                + set.notAfter() + ", renewed after " + set.renewAfter());
        return null;
    }
}
