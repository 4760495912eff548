package dev.berth.dns.api;

import java.util.List;
import java.util.Objects;

/**
 * A zone Berth's DNS server is authoritative for.
 *
 * @param name the zone name, absolute with a trailing dot
 * @param kind why the zone is served
 * @param serial the SOA serial number, increased by every change
 * @param records how many records the zone holds, SOA and NS included
 * @param networks for a reverse zone, the networks whose subnets it covers (their names, or their IDs when
 *     published without a name); otherwise empty
 */
public record DnsZone(String name, Kind kind, long serial, int records, List<String> networks) {

    /** Why a zone is served. */
    public enum Kind {
        /** The internal zone of containers, {@code berth.internal} by default. */
        INTERNAL,
        /** A zone named in the configuration, for static records only. */
        EXTRA,
        /** A reverse zone ({@code in-addr.arpa} or {@code ip6.arpa}) of a published network's subnet. */
        REVERSE
    }

    /**
     * Validates the fields and copies the list.
     *
     * @param name the zone name
     * @param kind the kind
     * @param serial the serial
     * @param records the number of records
     * @param networks the networks of a reverse zone
     */
    public DnsZone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        networks = List.copyOf(networks);
    }
}
