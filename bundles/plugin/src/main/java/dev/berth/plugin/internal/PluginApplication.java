package dev.berth.plugin.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.berth.plugin.api.PluginProtocol;

/**
 * The JAX-RS application behind the plugin socket, at the root path as the plugin protocol needs. It is
 * not deployed until the relay guard and the error mapper are there, so no request is ever served
 * without them.
 */
@Component(service = Application.class, property = {
    "osgi.jaxrs.extension.select=(" + RelayOnlyFilter.GUARD + "=true)",
    "osgi.jaxrs.extension.select=(" + PluginErrorMapper.ERRORS + "=true)"})
@JaxrsName(PluginProtocol.APPLICATION_NAME)
@JaxrsApplicationBase("/")
public final class PluginApplication extends Application {
}
