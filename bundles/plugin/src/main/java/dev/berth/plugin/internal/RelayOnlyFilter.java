package dev.berth.plugin.internal;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.plugin.api.PluginProtocol;

/**
 * Refuses every plugin request that did not come through the plugin socket: only a caller who can open
 * the socket (mode 0600) may drive Docker's networks and volumes. The whiteboard has no network listener
 * today; this keeps the plugin API off any listener added to it later (a REST API, a web page).
 */
@Component(service = ContainerRequestFilter.class, property = RelayOnlyFilter.GUARD + "=true")
@JaxrsExtension
@JaxrsApplicationSelect(PluginProtocol.APPLICATION_SELECT)
@PreMatching
public final class RelayOnlyFilter implements ContainerRequestFilter {

    static final String GUARD = "berth.plugin.guard";
    private static final Logger LOG = LoggerFactory.getLogger(RelayOnlyFilter.class);

    private final InProcessConnector connector;

    @Context
    private HttpServletRequest request;

    /**
     * Creates the filter.
     *
     * @param connector the plugin socket's way into the whiteboard
     */
    @Activate
    public RelayOnlyFilter(@Reference InProcessConnector connector) {
        this.connector = connector;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (!connector.carried(request)) {
            LOG.warn("Refused a plugin request to /{} from {}:{}, which did not come through the plugin socket",
                    context.getUriInfo().getPath(), request.getRemoteAddr(), request.getRemotePort());
            String field = PluginProtocol.errorField(context.getUriInfo().getPath());
            context.abortWith(Response.status(Response.Status.FORBIDDEN).type(PluginProtocol.MEDIA_TYPE)
                    .entity(PluginErrorMapper.body(field,
                            "the Docker plugin API is served only on Berth's plugin socket"))
                    .build());
        }
    }
}
