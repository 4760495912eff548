package dev.berth.dns.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;

import dev.berth.dns.api.DnsEndpoint;

/** Builds the automatic A, AAAA and PTR records of a container endpoint. */
final class EndpointRecords {

    /**
     * What an endpoint yields.
     *
     * @param records the records
     * @param problems names that are not valid in DNS and were skipped
     */
    record Built(List<Record> records, List<String> problems) {
    }

    private EndpointRecords() {
    }

    /**
     * Builds {@code <container>.<network>.<zone>}, {@code <container>.<zone>} and
     * {@code <alias>.<network>.<zone>} for every address, and a PTR record per address pointing at
     * {@code <container>.<network>.<zone>}. Aliases stay inside their network: two networks may give the same
     * alias to different containers.
     *
     * @param endpoint the endpoint
     * @param zone the internal zone
     * @param ttl the TTL
     * @return the records and the names skipped
     */
    static Built build(DnsEndpoint endpoint, Name zone, long ttl) {
        List<String> problems = new ArrayList<>();
        Name networkName = name(endpoint.network(), zone, "network", problems);
        Name qualified = networkName == null ? null
                : name(endpoint.containerName(), networkName, "container", problems);
        Name plain = name(endpoint.containerName(), zone, "container", problems);
        Set<Name> owners = new LinkedHashSet<>();
        if (qualified != null) {
            owners.add(qualified);
        }
        if (plain != null) {
            owners.add(plain);
        }
        if (networkName != null) {
            for (String alias : endpoint.aliases()) {
                Name a = name(alias, networkName, "alias", problems);
                if (a != null) {
                    owners.add(a);
                }
            }
        }
        List<Record> records = new ArrayList<>();
        for (InetAddress address : endpoint.addresses()) {
            for (Name owner : owners) {
                records.add(address instanceof Inet4Address
                        ? new ARecord(owner, DClass.IN, ttl, address)
                        : new AAAARecord(owner, DClass.IN, ttl, address));
            }
            Name target = qualified != null ? qualified : plain;
            if (target != null) {
                records.add(new PTRRecord(ReverseZones.nameOf(address), DClass.IN, ttl, target));
            }
        }
        return new Built(records, problems);
    }

    private static Name name(String relative, Name parent, String what, List<String> problems) {
        try {
            return DnsNames.child(relative, parent);
        } catch (IllegalArgumentException e) {
            problems.add(what + " name skipped: " + e.getMessage());
            return null;
        }
    }
}
