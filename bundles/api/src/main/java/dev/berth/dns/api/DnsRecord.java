package dev.berth.dns.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One DNS resource record in presentation form.
 *
 * @param name the owner name, absolute with a trailing dot when it comes from Berth; when adding a static
 *     record, a name without a trailing dot is relative to the internal zone and {@code @} is the zone itself
 * @param type the record type mnemonic, upper case ({@code A}, {@code SRV}, ...)
 * @param ttl the time to live in seconds
 * @param data the record data as in a zone file ({@code 10 5 8080 web.berth.internal.} for an SRV record)
 * @param origin where the record comes from
 * @param source what made it: the endpoint ID for {@link RecordOrigin#AUTO}, the container ID for
 *     {@link RecordOrigin#LABEL}, otherwise empty
 */
public record DnsRecord(String name, String type, long ttl, String data, RecordOrigin origin, String source) {

    /**
     * Validates the fields and upper-cases the type.
     *
     * @param name the owner name
     * @param type the type mnemonic
     * @param ttl the time to live
     * @param data the record data
     * @param origin the origin
     * @param source what made it
     */
    public DnsRecord {
        Objects.requireNonNull(name, "name");
        type = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
        if (ttl < 0 || ttl > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TTL " + ttl + " is outside 0.." + Integer.MAX_VALUE);
        }
    }

    /**
     * Describes a static record to add or remove.
     *
     * @param name the owner name, relative to the internal zone unless it ends with a dot
     * @param type the type mnemonic
     * @param ttl the time to live in seconds
     * @param data the record data as in a zone file
     * @return the record, of origin {@link RecordOrigin#STATIC}
     */
    public static DnsRecord of(String name, String type, long ttl, String data) {
        return new DnsRecord(name, type, ttl, data, RecordOrigin.STATIC, "");
    }

    /**
     * Formats the record as a zone file line.
     *
     * @return {@code name ttl IN type data}
     */
    @Override
    public String toString() {
        return name + " " + ttl + " IN " + type + " " + data;
    }
}
