package dev.berth.certs.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.berth.certs.api.CertificateProfile;
import dev.berth.certs.api.EnrollmentClientSpec;
import dev.berth.certs.api.EnrollmentRegistry;

/** Registers an enrollment client and prints its pre-shared key, once. */
@Service
@Command(scope = "cert", name = "enroll-add", description = "Registers a client allowed to enroll and prints its "
        + "pre-shared key (shown only now; it is stored encrypted).")
public class EnrollAddCommand implements Action {

    @Reference
    private EnrollmentRegistry registry;

    @Argument(index = 0, name = "client", description = "The client's identity; its certificates carry it as common "
            + "name.", required = true)
    private String clientId;

    @Option(name = "--dns", aliases = "-d", multiValued = true, description = "A DNS name pattern the client may ask "
            + "for: exact, *.domain or **.domain; repeat for several.")
    private List<String> dns = new ArrayList<>();

    @Option(name = "--ip", aliases = "-i", multiValued = true, description = "An IP range (CIDR) the client may ask "
            + "for; repeat for several.")
    private List<String> ips = new ArrayList<>();

    @Option(name = "--max-ttl", description = "The longest lifetime it may ask for, for example 30d.")
    private String maxTtl;

    @Option(name = "--profile", aliases = "-p", description = "What its certificates are for: client, server or peer.")
    @Completion(value = StringsCompleter.class, values = {"server", "client", "peer"})
    private String profile = "client";

    @Override
    public Object execute() {
        String psk = registry.register(new EnrollmentClientSpec(clientId, dns, ips, Durations.parse(maxTtl),
                CertificateProfile.valueOf(profile.toUpperCase(Locale.ROOT))));
        System.out.println("Registered enrollment client " + clientId + ". Its pre-shared key (shown only now):");
        System.out.println(psk);
        return null;
    }
}
