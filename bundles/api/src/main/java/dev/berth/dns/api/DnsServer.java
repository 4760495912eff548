package dev.berth.dns.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Berth's DNS server as operators see it: where it listens, and its answers. */
@ProviderType
public interface DnsServer {

    /**
     * Lists the addresses the server listens on, over both UDP and TCP.
     *
     * @return the bound addresses with their port
     */
    List<InetSocketAddress> listening();

    /**
     * Lists the addresses the server should listen on but cannot bind yet, with the reason.
     *
     * @return one line per address, empty when every listener is up
     */
    List<String> listenFailures();

    /**
     * Lists the upstream resolvers names outside Berth's zones are forwarded to.
     *
     * @return the resolvers, empty when nothing is forwarded
     */
    List<InetSocketAddress> upstreams();

    /**
     * Counts what the server did since it started: {@code queries}, {@code authoritative}, {@code forwarded},
     * {@code refused}, {@code malformed}, {@code dropped} and {@code truncated} responses, and its state:
     * {@code cache.size} (forwarded answers cached) and {@code store.pending} (changes not yet saved).
     *
     * @return the figures by name, in a stable order
     */
    Map<String, Long> statistics();

    /**
     * Sends one query to the server over the network, as a client would, and returns its response.
     *
     * @param name the name to query, absolute or relative to the root
     * @param type the type mnemonic ({@code A}, {@code AAAA}, {@code PTR}, {@code SRV}, {@code TXT}, ...)
     * @param tcp whether to ask over TCP instead of UDP
     * @return the response
     * @throws DnsException when the name or type does not parse, the server listens nowhere, or it does not
     *     answer
     */
    QueryResult query(String name, String type, boolean tcp);
}
