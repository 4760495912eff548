package dev.berth.plugin.internal;

import java.util.Map;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.plugin.api.PluginProtocol;

/** {@code /Plugin.Activate}: the handshake that tells dockerd which interfaces the plugin implements. */
@Component(service = ActivateResource.class)
@JaxrsResource
@JaxrsApplicationSelect(PluginProtocol.APPLICATION_SELECT)
@Path("/")
public final class ActivateResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginDrivers drivers;

    /**
     * Creates the resource.
     *
     * @param drivers the active drivers
     */
    @Activate
    public ActivateResource(@Reference PluginDrivers drivers) {
        this.drivers = drivers;
    }

    /**
     * Answers the handshake.
     *
     * @return {@code {"Implements": [...]}}
     * @throws JsonProcessingException never in practice
     */
    @POST
    @Path("Plugin.Activate")
    @Produces(PluginProtocol.MEDIA_TYPE)
    public String handshake() throws JsonProcessingException {
        return JSON.writeValueAsString(Map.of("Implements", drivers.interfaces()));
    }
}
