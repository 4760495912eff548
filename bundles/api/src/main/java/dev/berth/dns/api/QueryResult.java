package dev.berth.dns.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The response of Berth's DNS server to one query, as {@code dig} would show it.
 *
 * @param server the address and port the query was sent to
 * @param rcode the response code mnemonic ({@code NOERROR}, {@code NXDOMAIN}, {@code SERVFAIL}, ...)
 * @param authoritative whether the AA flag was set
 * @param truncated whether the response over UDP was truncated (the answer shown is then the one over TCP)
 * @param answer the answer section
 * @param authority the authority section
 * @param additional the additional section, without the EDNS OPT record
 * @param elapsed how long the server took to answer
 */
public record QueryResult(InetSocketAddress server, String rcode, boolean authoritative, boolean truncated,
        List<DnsRecord> answer, List<DnsRecord> authority, List<DnsRecord> additional, Duration elapsed) {

    /**
     * Validates the fields and copies the lists.
     *
     * @param server the server
     * @param rcode the response code
     * @param authoritative the AA flag
     * @param truncated whether UDP truncated
     * @param answer the answer section
     * @param authority the authority section
     * @param additional the additional section
     * @param elapsed the time taken
     */
    public QueryResult {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(rcode, "rcode");
        answer = List.copyOf(answer);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
