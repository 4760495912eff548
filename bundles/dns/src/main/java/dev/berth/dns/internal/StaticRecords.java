package dev.berth.dns.internal;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import dev.berth.dns.api.DnsException;
import dev.berth.dns.api.DnsRecord;

/** Parses the static records operators add, with the data syntax of zone files. */
final class StaticRecords {

    /** The types an operator may add; SOA and NS belong to the server, DNAME and DNSSEC types are not served. */
    static final Set<Integer> TYPES = Set.of(Type.A, Type.AAAA, Type.CNAME, Type.TXT, Type.SRV, Type.PTR,
            Type.MX, Type.CAA, Type.NAPTR, Type.SSHFP, Type.TLSA, Type.SVCB, Type.HTTPS, Type.URI);

    private StaticRecords() {
    }

    /**
     * Parses an owner name: relative to the internal zone unless it ends with a dot, {@code @} for the zone.
     *
     * @param text the name
     * @param zone the internal zone
     * @return the absolute lower-case name
     * @throws DnsException when the name is not valid
     */
    static Name name(String text, Name zone) {
        try {
            String t = text.trim();
            return t.endsWith(".") && !t.equals(".") ? DnsNames.zone(t, "name") : DnsNames.relative(t, zone, "name");
        } catch (IllegalArgumentException e) {
            throw new DnsException(e.getMessage(), e);
        }
    }

    /**
     * Parses a type mnemonic an operator may add.
     *
     * @param text the mnemonic, any case
     * @return the type code
     * @throws DnsException when the type is unknown or not served statically
     */
    static int type(String text) {
        int type = Type.value(text.trim());
        if (!TYPES.contains(type)) {
            throw new DnsException("type '" + text + "' cannot be added; static records are of the types "
                    + TYPES.stream().map(Type::string).sorted().collect(Collectors.joining(", ")));
        }
        return type;
    }

    /**
     * Parses a static record.
     *
     * @param record the record as given
     * @param zone the internal zone, the origin of relative names in the data
     * @param zones the zones served; the record must be in one
     * @return the record
     * @throws DnsException when the record is not valid or not in a zone served
     */
    static Record parse(DnsRecord record, Name zone, ZoneSet zones) {
        Name name = name(record.name(), zone);
        if (zones.zoneOf(name) == null) {
            throw new DnsException(name + " is in no zone this server serves: "
                    + zones.all().stream().map(z -> z.name().toString()).collect(Collectors.joining(", ")));
        }
        int type = type(record.type());
        try {
            return Record.fromString(name, type, DClass.IN, record.ttl(), record.data(), zone);
        } catch (IOException | IllegalArgumentException e) {
            throw new DnsException("'" + record.data() + "' is not valid " + Type.string(type) + " data: "
                    + e.getMessage(), e);
        }
    }
}
