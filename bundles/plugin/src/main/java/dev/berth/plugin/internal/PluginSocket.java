package dev.berth.plugin.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.karaf.features.BootFinished;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker plugin socket: a Unix socket whose connections are relayed, in process, to the JAX-RS
 * whiteboard, where the plugin application serves them.
 */
@Component(service = PluginSocket.class, configurationPid = "dev.berth.plugin",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PluginSocketConfiguration.class)
public final class PluginSocket {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSocket.class);

    private final UnixSocketRelay relay;

    /**
     * Binds the socket, once Karaf has installed its boot features: dockerd caches the first
     * {@code Plugin.Activate} answer for its lifetime, so the socket must not open before every boot driver is up.
     *
     * @param config the socket configuration
     * @param connector the way into the whiteboard's server
     * @param whiteboard the JAX-RS whiteboard, present before the socket opens
     * @param boot present once the boot features are installed
     * @throws IOException when the socket cannot be bound
     */
    @Activate
    public PluginSocket(PluginSocketConfiguration config, @Reference InProcessConnector connector,
            @Reference JaxrsServiceRuntime whiteboard, @Reference BootFinished boot) throws IOException {
        if (config.max_connections() < 1) {
            throw new IllegalArgumentException("dev.berth.plugin: max.connections must be positive");
        }
        this.relay = new UnixSocketRelay(Path.of(config.socket_path()), connector::connect, config.max_connections());
        LOG.info("Docker plugin socket listening on {}", relay.socket());
    }

    /**
     * Returns the socket path.
     *
     * @return where dockerd connects
     */
    public Path path() {
        return relay.socket();
    }

    /** Removes the socket. */
    @Deactivate
    public void close() {
        relay.close();
        LOG.info("Docker plugin socket {} closed", relay.socket());
    }
}
