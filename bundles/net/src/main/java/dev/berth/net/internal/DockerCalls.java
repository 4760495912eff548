package dev.berth.net.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.PortMapping;

/**
 * The network driver's operations as Docker's protocol calls them; each changes the kernel and the store
 * together or not at all, and refuses bad input with a {@link NetworkRequestException}.
 */
public interface DockerCalls {

    /**
     * CreateNetwork.
     *
     * @param networkId Docker's network ID
     * @param options the {@code -o} options
     * @param internal whether {@code --internal} was given
     * @param v4 the IPv4 subnet or {@code null}
     * @param gateway4 its gateway or {@code null}
     * @param v6 the IPv6 subnet or {@code null}
     * @param gateway6 its gateway or {@code null}
     */
    void createNetwork(String networkId, Map<String, String> options, boolean internal, IpPrefix v4,
            InetAddress gateway4, IpPrefix v6, InetAddress gateway6);

    /**
     * DeleteNetwork.
     *
     * @param networkId the network
     */
    void deleteNetwork(String networkId);

    /**
     * CreateEndpoint.
     *
     * @param networkId the network
     * @param endpointId Docker's endpoint ID
     * @param address4 its IPv4 address or {@code null}
     * @param address6 its IPv6 address or {@code null}
     * @param mac the MAC address Docker chose, or empty
     * @return the MAC address Berth chose, or {@code null} when Docker gave one
     */
    String createEndpoint(String networkId, String endpointId, InetAddress address4, InetAddress address6, String mac);

    /**
     * DeleteEndpoint.
     *
     * @param networkId the network
     * @param endpointId the endpoint
     */
    void deleteEndpoint(String networkId, String endpointId);

    /**
     * Join.
     *
     * @param networkId the network
     * @param endpointId the endpoint
     * @param sandbox the container's network namespace
     * @return the interface and gateways
     */
    JoinResult join(String networkId, String endpointId, String sandbox);

    /**
     * Leave.
     *
     * @param networkId the network
     * @param endpointId the endpoint
     */
    void leave(String networkId, String endpointId);

    /**
     * ProgramExternalConnectivity: publishes ports.
     *
     * @param networkId the network
     * @param endpointId the endpoint
     * @param requested the mappings; host port 0 means any
     * @return the mappings with their host ports
     */
    List<PortMapping> publish(String networkId, String endpointId, List<PortMapping> requested);

    /**
     * RevokeExternalConnectivity.
     *
     * @param networkId the network
     * @param endpointId the endpoint
     */
    void unpublish(String networkId, String endpointId);

    /**
     * EndpointOperInfo.
     *
     * @param networkId the network
     * @param endpointId the endpoint
     * @return what Docker shows of the endpoint
     */
    Map<String, Object> operInfo(String networkId, String endpointId);
}
