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
}
