package dev.berth.ipam.plugin;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

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

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.AddressKind;
import dev.berth.ipam.api.AddressRequest;
import dev.berth.ipam.api.AddressSpaces;
import dev.berth.ipam.api.AllocatedAddress;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.PoolGrant;
import dev.berth.ipam.api.PoolRequest;
import dev.berth.plugin.api.PluginDriver;
import dev.berth.plugin.api.PluginException;
import dev.berth.plugin.api.PluginProtocol;
import dev.berth.plugin.json.PluginRequest;
import dev.berth.store.api.StoreException;

/**
 * Docker's remote IPAM protocol ({@code IpamDriver.*}) on the plugin socket. Requests Berth can read but
 * refuses are answered {@code 200} with {@code {"Error": ...}}, as the protocol asks, so Docker shows the
 * message as it is; unreadable requests get {@code 400}.
 */
@Component(service = PluginDriver.class)
@JaxrsResource
@JaxrsApplicationSelect(PluginProtocol.APPLICATION_SELECT)
@Path("/")
@Consumes(MediaType.WILDCARD)
@Produces(PluginProtocol.MEDIA_TYPE)
public final class IpamDriverResource implements PluginDriver {

    /** The option with which Docker marks a gateway address request. */
    static final String ADDRESS_TYPE = "RequestAddressType";
    static final String GATEWAY_TYPE = "com.docker.network.gateway";

    private final AddressAllocator allocator;

    /**
     * Creates the resource.
     *
     * @param allocator the allocator requests go to
     */
    @Activate
    public IpamDriverResource(@Reference AddressAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public String dockerInterface() {
        return "IpamDriver";
    }

    /**
     * Tells Docker that Berth's state is durable, so requests need not be replayed after a restart.
     *
     * @return the capabilities
     */
    @POST
    @Path("IpamDriver.GetCapabilities")
    public String capabilities() {
        return json(Map.of("RequiresMACAddress", false, "RequiresRequestReplay", false));
    }

    /**
     * Names the default address spaces.
     *
     * @return the spaces
     */
    @POST
    @Path("IpamDriver.GetDefaultAddressSpaces")
    public String defaultAddressSpaces() {
        AddressSpaces spaces = allocator.defaultAddressSpaces();
        return json(Map.of("LocalDefaultAddressSpace", spaces.local(), "GlobalDefaultAddressSpace", spaces.global()));
    }

    /**
     * Grants a pool.
     *
     * @param body {@code {AddressSpace, Pool, SubPool, Options, V6}}
     * @return {@code {PoolID, Pool, Data}}
     */
    @POST
    @Path("IpamDriver.RequestPool")
    public String requestPool(byte[] body) {
        PluginRequest r = PluginRequest.parse("RequestPool", body);
        PoolRequest request = new PoolRequest(r.optionalString("AddressSpace"), r.optionalPrefix("Pool"),
                r.optionalPrefix("SubPool"), r.options("Options"), r.optionalBoolean("V6"));
        PoolGrant grant = refused(() -> allocator.requestPool(request));
        return json(Map.of("PoolID", grant.poolId(), "Pool", grant.subnet().toString(), "Data", grant.data()));
    }

    /**
     * Releases a pool.
     *
     * @param body {@code {PoolID}}
     * @return {@code {}}
     */
    @POST
    @Path("IpamDriver.ReleasePool")
    public String releasePool(byte[] body) {
        String poolId = PluginRequest.parse("ReleasePool", body).requiredString("PoolID");
        refused(() -> {
            allocator.releasePool(poolId);
            return null;
        });
        return "{}";
    }

    /**
     * Allocates an address.
     *
     * @param body {@code {PoolID, Address, Options}}
     * @return {@code {Address, Data}}, the address in CIDR form
     */
    @POST
    @Path("IpamDriver.RequestAddress")
    public String requestAddress(byte[] body) {
        PluginRequest r = PluginRequest.parse("RequestAddress", body);
        String poolId = r.requiredString("PoolID");
        InetAddress address = r.optionalAddress("Address");
        Map<String, String> options = r.options("Options");
        AddressKind kind = GATEWAY_TYPE.equals(options.get(ADDRESS_TYPE)) ? AddressKind.GATEWAY : AddressKind.ENDPOINT;
        AllocatedAddress allocated = refused(() -> allocator.requestAddress(new AddressRequest(poolId, address, kind,
                "")));
        return json(Map.of("Address", allocated.cidr(), "Data", Map.of()));
    }

    /**
     * Releases an address.
     *
     * @param body {@code {PoolID, Address}}
     * @return {@code {}}
     */
    @POST
    @Path("IpamDriver.ReleaseAddress")
    public String releaseAddress(byte[] body) {
        PluginRequest r = PluginRequest.parse("ReleaseAddress", body);
        String poolId = r.requiredString("PoolID");
        InetAddress address = r.optionalAddress("Address");
        if (address == null) {
            throw PluginException.badRequest("ReleaseAddress needs the field Address");
        }
        refused(() -> {
            allocator.releaseAddress(poolId, address);
            return null;
        });
        return "{}";
    }

    private static <T> T refused(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IpamException e) {
            throw new PluginException(200, e.getMessage());
        } catch (StoreException e) {
            throw new PluginException(200, "Berth could not complete the request, its database failed: "
                    + e.getMessage());
        }
    }

    private static String json(Map<String, ?> value) {
        return PluginRequest.json(new LinkedHashMap<>(value));
    }
}
