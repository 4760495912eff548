package dev.berth.dns.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The records Berth's DNS server is authoritative for.
 *
 * <p>Every change is served by the server when the method returns and is saved to Berth's store right
 * after, so the records come back after a restart; while the store is unreachable the server keeps serving
 * and changes are saved once it is back. Publishing is idempotent: publishing an object again replaces what
 * was published for it before.
 */
@ProviderType
public interface DnsRegistry {

    /**
     * Publishes a network: a reverse zone for each of its subnets, recursion for its subnets' clients, and
     * the server listening on its gateway addresses (retried until the address exists on this host).
     *
     * @param network the network
     */
    void publishNetwork(DnsNetwork network);

    /**
     * Withdraws a network: its reverse zones, its clients' recursion and the listeners on its gateways.
     * Endpoints published on it stay until withdrawn.
     *
     * @param id the network ID; unknown IDs are ignored
     */
    void withdrawNetwork(String id);

    /**
     * Publishes the A, AAAA and PTR records of a container's endpoint on a network.
     *
     * @param endpoint the endpoint; a container or alias name that is no valid DNS name is skipped and logged
     */
    void publishEndpoint(DnsEndpoint endpoint);

    /**
     * Withdraws every record of an endpoint.
     *
     * @param endpointId the endpoint ID; unknown IDs are ignored
     */
    void withdrawEndpoint(String endpointId);

    /**
     * Publishes the records a container's {@code berth.dns.*} labels define (syntax: docs/dns.md), replacing
     * those of an earlier call for the same container; a container without such labels has none, so every
     * container may be passed. A wrong label defines nothing and is reported; the other labels still define their
     * records. A/AAAA labels without an address follow the addresses of the container's published endpoints.
     *
     * @param container the container and its labels
     * @return the wrong labels, empty when every label was understood
     */
    List<LabelProblem> publishLabels(ContainerLabels container);

    /**
     * Withdraws every record a container's labels define.
     *
     * @param containerId the container ID; unknown IDs are ignored
     */
    void withdrawLabels(String containerId);

    /**
     * Lists the networks published, for a caller reconciling after a restart or a missed event.
     *
     * @return the networks
     */
    List<DnsNetwork> networks();

    /**
     * Lists the endpoints published, for a caller reconciling after a restart or a missed event: those of
     * containers that are gone should be withdrawn.
     *
     * @return the endpoints
     */
    List<DnsEndpoint> endpoints();

    /**
     * Lists the containers whose DNS labels are published, with those labels only.
     *
     * @return the containers
     */
    List<ContainerLabels> labelledContainers();

    /**
     * Adds a static record to a zone the server serves. Adding a record that exists changes only its TTL.
     *
     * @param record the record; its origin and source are ignored
     * @throws DnsException when the name is in no zone Berth serves, the type is not one Berth serves
     *     statically, or the data does not parse for the type
     */
    void addStaticRecord(DnsRecord record);

    /**
     * Removes static records.
     *
     * @param name the owner name, relative to the internal zone unless it ends with a dot
     * @param type the type mnemonic
     * @param data the record data as in a zone file, or empty to remove every static record of the type at
     *     the name
     * @return how many records were removed
     * @throws DnsException when the name, type or data does not parse
     */
    int removeStaticRecords(String name, String type, String data);

    /**
     * Lists the zones the server is authoritative for.
     *
     * @return the internal zone first, then extra zones, then reverse zones, each group by name
     */
    List<DnsZone> zones();

    /**
     * Lists the records of a zone, SOA and NS included, in canonical DNS order.
     *
     * @param zone the zone name, with or without a trailing dot, case-insensitive
     * @return the records
     * @throws DnsException when the server does not serve the zone
     */
    List<DnsRecord> records(String zone);
}
