package dev.berth.plugin.internal;

import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.plugin.api.PluginException;
import dev.berth.plugin.api.PluginProtocol;

/**
 * Turns every failure into the plugin protocol's error body ({@code Error} for IPAM, {@code Err} for the
 * others): never a stack trace, never an HTML page.
 */
@Component(service = ExceptionMapper.class, property = PluginErrorMapper.ERRORS + "=true")
@JaxrsExtension
@JaxrsApplicationSelect(PluginProtocol.APPLICATION_SELECT)
public final class PluginErrorMapper implements ExceptionMapper<Throwable> {

    static final String ERRORS = "berth.plugin.errors";
    private static final Logger LOG = LoggerFactory.getLogger(PluginErrorMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable failure) {
        String path = uriInfo.getPath();
        int status;
        String message;
        if (failure instanceof PluginException refused) {
            status = refused.status();
            message = refused.getMessage();
        } else if (failure instanceof WebApplicationException web) {
            status = web.getResponse().getStatus();
            message = switch (status) {
                case 404 -> "the plugin has no endpoint /" + path
                        + (path.contains(".") ? "; is the driver bundle for " + path.substring(0, path.indexOf('.'))
                                + " active?" : "");
                case 405 -> "/" + path + " accepts only POST";
                default -> "cannot handle /" + path + ": " + web.getMessage();
            };
        } else {
            status = 500;
            message = "internal error in /" + path + ": " + failure;
            LOG.error("Plugin request /{} failed", path, failure);
        }
        return Response.status(status).type(PluginProtocol.MEDIA_TYPE)
                .entity(body(PluginProtocol.errorField(path), message)).build();
    }

    /**
     * Renders an error body.
     *
     * @param field the protocol's error field
     * @param message the message
     * @return the JSON text
     */
    static String body(String field, String message) {
        try {
            return JSON.writeValueAsString(Map.of(field, message == null ? "unknown error" : message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
