package dev.berth.net.plugin;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.PortMapping;
import dev.berth.net.internal.DockerCalls;
import dev.berth.net.internal.JoinResult;
import dev.berth.net.internal.NetworkRequestException;
import dev.berth.plugin.api.PluginDriver;
import dev.berth.plugin.api.PluginException;
import dev.berth.plugin.api.PluginProtocol;
import dev.berth.plugin.json.PluginRequest;
import dev.berth.store.api.StoreException;

/**
 * Docker's remote network driver protocol ({@code NetworkDriver.*}) on the plugin socket. Requests Berth can
 * read but refuses are answered {@code 200} with {@code {"Err": ...}}; unreadable ones with {@code 400}.
 */
@Component(service = PluginDriver.class)
@JaxrsResource
@JaxrsApplicationSelect(PluginProtocol.APPLICATION_SELECT)
@Path("/")
@Consumes(MediaType.WILDCARD)
@Produces(PluginProtocol.MEDIA_TYPE)
public final class NetworkDriverResource implements PluginDriver {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkDriverResource.class);
    static final String GENERIC = "com.docker.network.generic";
    static final String INTERNAL = "com.docker.network.internal";
    static final String PORTMAP = "com.docker.network.portmap";

    private final DockerCalls driver;

    /**
     * Creates the resource.
     *
     * @param driver the driver requests go to
     */
    @Activate
    public NetworkDriverResource(@Reference DockerCalls driver) {
        this.driver = driver;
    }

    @Override
    public String dockerInterface() {
        return "NetworkDriver";
    }

    /**
     * Local scope: networks and their endpoints live on one host.
     *
     * @return the capabilities
     */
    @POST
    @Path("NetworkDriver.GetCapabilities")
    public String capabilities() {
        return json("Scope", "local", "ConnectivityScope", "local");
    }

    /**
     * Creates a network: bridge, routing domain, firewall.
     *
     * @param body {@code {NetworkID, Options, IPv4Data, IPv6Data}}
     * @return {@code {}}
     */
    @POST
    @Path("NetworkDriver.CreateNetwork")
    public String createNetwork(byte[] body) {
        PluginRequest r = PluginRequest.parse("CreateNetwork", body);
        LOG.debug("CreateNetwork {}", new String(body, java.nio.charset.StandardCharsets.UTF_8));
        String id = r.requiredString("NetworkID");
        PluginRequest options = r.object("Options");
        Map<String, String> generic = new LinkedHashMap<>();
        PluginRequest user = options.object(GENERIC);
        for (String key : user.fieldNames()) {
            generic.put(key, user.text(key));
        }
        boolean internal = "true".equals(options.text(INTERNAL)) || "true".equals(generic.remove(INTERNAL));
        Subnet v4 = subnet(r.objects("IPv4Data"), "IPv4");
        Subnet v6 = subnet(r.objects("IPv6Data"), "IPv6");
        refused(() -> {
            driver.createNetwork(id, generic, internal, v4.prefix, v4.gateway, v6.prefix, v6.gateway);
            return null;
        });
        return "{}";
    }

    private record Subnet(IpPrefix prefix, InetAddress gateway) {
    }

    private static Subnet subnet(List<PluginRequest> data, String family) {
        if (data.size() > 1) {
            throw new PluginException(200, "a berth network takes one " + family + " subnet, not " + data.size());
        }
        if (data.isEmpty()) {
            return new Subnet(null, null);
        }
        PluginRequest d = data.get(0);
        return new Subnet(d.optionalPrefix("Pool"), d.optionalAddress("Gateway"));
    }

    /**
     * Deletes a network and every trace of it in the kernel.
     *
     * @param body {@code {NetworkID}}
     * @return {@code {}}
     */
    @POST
    @Path("NetworkDriver.DeleteNetwork")
    public String deleteNetwork(byte[] body) {
        String id = PluginRequest.parse("DeleteNetwork", body).requiredString("NetworkID");
        refused(() -> {
            driver.deleteNetwork(id);
            return null;
        });
        return "{}";
    }

    /**
     * Records an endpoint; chooses its MAC address when Docker did not.
     *
     * @param body {@code {NetworkID, EndpointID, Interface: {Address, AddressIPv6, MacAddress}, Options}}
     * @return {@code {Interface: {}}} or {@code {Interface: {MacAddress}}}
     */
    @POST
    @Path("NetworkDriver.CreateEndpoint")
    public String createEndpoint(byte[] body) {
        PluginRequest r = PluginRequest.parse("CreateEndpoint", body);
        LOG.debug("CreateEndpoint {}", new String(body, java.nio.charset.StandardCharsets.UTF_8));
        String network = r.requiredString("NetworkID");
        String endpoint = r.requiredString("EndpointID");
        PluginRequest itf = r.object("Interface");
        InetAddress a4 = itf.optionalAddress("Address");
        InetAddress a6 = itf.optionalAddress("AddressIPv6");
        String mac = itf.optionalString("MacAddress");
        String chosen = refused(() -> driver.createEndpoint(network, endpoint, a4, a6, mac));
        return chosen == null ? "{\"Interface\":{}}" : PluginRequest.json(Map.of("Interface", Map.of("MacAddress",
                chosen)));
    }

    /**
     * Reports an endpoint's published ports.
     *
     * @param body {@code {NetworkID, EndpointID}}
     * @return {@code {Value: {...}}}
     */
    @POST
    @Path("NetworkDriver.EndpointOperInfo")
    public String endpointOperInfo(byte[] body) {
        PluginRequest r = PluginRequest.parse("EndpointOperInfo", body);
        Map<String, Object> value = refused(() -> driver.operInfo(r.requiredString("NetworkID"),
                r.requiredString("EndpointID")));
        return PluginRequest.json(Map.of("Value", value));
    }

    /**
     * Forgets an endpoint.
     *
     * @param body {@code {NetworkID, EndpointID}}
     * @return {@code {}}
     */
    @POST
    @Path("NetworkDriver.DeleteEndpoint")
    public String deleteEndpoint(byte[] body) {
        PluginRequest r = PluginRequest.parse("DeleteEndpoint", body);
        refused(() -> {
            driver.deleteEndpoint(r.requiredString("NetworkID"), r.requiredString("EndpointID"));
            return null;
        });
        return "{}";
    }

    /**
     * Creates the endpoint's veth pair on the bridge and hands the container side to Docker.
     *
     * @param body {@code {NetworkID, EndpointID, SandboxKey, Options}}
     * @return {@code {InterfaceName: {SrcName, DstPrefix}, Gateway, GatewayIPv6}}
     */
    @POST
    @Path("NetworkDriver.Join")
    public String join(byte[] body) {
        PluginRequest r = PluginRequest.parse("Join", body);
        JoinResult j = refused(() -> driver.join(r.requiredString("NetworkID"), r.requiredString("EndpointID"),
                r.requiredString("SandboxKey")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("InterfaceName", Map.of("SrcName", j.interfaceName(), "DstPrefix", "eth"));
        if (j.gateway4() != null) {
            out.put("Gateway", IpPrefix.format(j.gateway4()));
        }
        if (j.gateway6() != null) {
            out.put("GatewayIPv6", IpPrefix.format(j.gateway6()));
        }
        if (j.gateway4() == null && j.gateway6() == null) {
            out.put("DisableGatewayService", true);
        }
        return PluginRequest.json(out);
    }

    /**
     * Removes the endpoint's veth pair.
     *
     * @param body {@code {NetworkID, EndpointID}}
     * @return {@code {}}
     */
    @POST
    @Path("NetworkDriver.Leave")
    public String leave(byte[] body) {
        PluginRequest r = PluginRequest.parse("Leave", body);
        refused(() -> {
            driver.leave(r.requiredString("NetworkID"), r.requiredString("EndpointID"));
            return null;
        });
        return "{}";
    }

    /**
     * Publishes the endpoint's ports ({@code docker run -p}).
     *
     * @param body {@code {NetworkID, EndpointID, Options: {com.docker.network.portmap: [...]}}}
     * @return {@code {}}
     */
    @POST
    @Path("NetworkDriver.ProgramExternalConnectivity")
    public String programExternalConnectivity(byte[] body) {
        PluginRequest r = PluginRequest.parse("ProgramExternalConnectivity", body);
        LOG.debug("ProgramExternalConnectivity {}", new String(body, java.nio.charset.StandardCharsets.UTF_8));
        List<PortMapping> ports = new ArrayList<>();
        for (PluginRequest p : r.object("Options").objects(PORTMAP)) {
            long proto = p.optionalLong("Proto", 6);
            if (proto != 6 && proto != 17) {
                throw new PluginException(200, "only TCP and UDP ports can be published, not protocol " + proto);
            }
            InetAddress hostIp = p.optionalAddress("HostIP");
            String host = hostIp == null ? "" : IpPrefix.format(hostIp);
            ports.add(new PortMapping(proto == 6 ? "tcp" : "udp", host, (int) p.optionalLong("HostPort", 0),
                    (int) p.optionalLong("Port", 0)));
        }
        String network = r.requiredString("NetworkID");
        String endpoint = r.requiredString("EndpointID");
        if (!ports.isEmpty()) {
            refused(() -> driver.publish(network, endpoint, ports));
        }
        return "{}";
    }

    /**
     * Withdraws the endpoint's published ports.
     *
     * @param body {@code {NetworkID, EndpointID}}
     * @return {@code {}}
     */
    @POST
    @Path("NetworkDriver.RevokeExternalConnectivity")
    public String revokeExternalConnectivity(byte[] body) {
        PluginRequest r = PluginRequest.parse("RevokeExternalConnectivity", body);
        refused(() -> {
            driver.unpublish(r.requiredString("NetworkID"), r.requiredString("EndpointID"));
            return null;
        });
        return "{}";
    }

    /**
     * Node discovery: Berth's networks are local, nothing to do.
     *
     * @return {@code {}}
     */
    @POST
    @Path("NetworkDriver.DiscoverNew")
    public String discoverNew() {
        return "{}";
    }

    /**
     * Node discovery: nothing to do.
     *
     * @return {@code {}}
     */
    @POST
    @Path("NetworkDriver.DiscoverDelete")
    public String discoverDelete() {
        return "{}";
    }

    private static <T> T refused(Supplier<T> call) {
        try {
            return call.get();
        } catch (NetworkRequestException e) {
            throw new PluginException(200, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw PluginException.badRequest(e.getMessage());
        } catch (StoreException e) {
            throw new PluginException(200, "Berth could not complete the request, its database failed: "
                    + e.getMessage());
        }
    }

    private static String json(String... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return PluginRequest.json(out);
    }
}
