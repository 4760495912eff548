package dev.berth.net.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** What the network driver has built on this host, and the means to bring the kernel back in line with it. */
@ProviderType
public interface BerthNetworks {

    /**
     * Lists the Berth networks of this host.
     *
     * @return the networks, oldest first
     */
    List<NetworkInfo> networks();

    /**
     * Lists the endpoints of a network.
     *
     * @param networkId Docker's network ID, or a unique prefix of it
     * @return the endpoints
     * @throws IllegalArgumentException when no network or more than one matches
     */
    List<EndpointInfo> endpoints(String networkId);

    /**
     * Sets the tag roles of an endpoint, which decide whom it may open connections to and accept them from on a
     * tagged network: new connections pass from an endpoint with egress role T to one with ingress role T when
     * the network carries tag T; nothing else new passes on a tagged network.
     *
     * @param networkId the network
     * @param endpointId the endpoint
     * @param egress the tags it may open connections for
     * @param ingress the tags it accepts connections for
     * @throws IllegalArgumentException when the network or endpoint is unknown
     */
    void assignRoles(String networkId, String endpointId, java.util.Set<String> egress, java.util.Set<String> ingress);

    /**
     * Brings the kernel in line with the stored networks: recreates what is missing and removes what Berth
     * owns but no longer knows, and nothing it does not own.
     *
     * @return what changed
     */
    ReconcileReport reconcile();

    /**
     * Tells how routing domains are built on this host.
     *
     * @return VRF or policy routing, with the reason
     */
    RoutingMode routingMode();

    /**
     * The other nodes' networks that share a tag with a network of this host, as this host last read them from the
     * shared store, with this host's routes to them.
     *
     * @return the networks, by node and network ID; empty on a node alone
     */
    List<PeerNetwork> peers();
}
