package dev.berth.plugin.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collection;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntimeConstants;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker plugin socket: a Unix socket whose connections are relayed to the JAX-RS whiteboard, where
 * the plugin application serves them.
 */
@Component(service = PluginSocket.class, configurationPid = "dev.berth.plugin",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PluginSocketConfiguration.class)
public final class PluginSocket {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSocket.class);

    /** The whiteboard; its endpoint property says where to relay to, and may change at runtime. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + JaxrsServiceRuntimeConstants.JAX_RS_SERVICE_ENDPOINT + "=*)")
    private volatile ServiceReference<JaxrsServiceRuntime> runtime;

    private final UnixSocketRelay relay;

    /**
     * Binds the socket, once Karaf has installed its boot features: dockerd caches the first
     * {@code Plugin.Activate} answer for its lifetime, so the socket must not open before every boot driver is up.
     *
     * @param config the socket configuration
     * @param ports where the relay records its source ports
     * @param boot present once the boot features are installed
     * @throws IOException when the socket cannot be bound
     */
    @Activate
    public PluginSocket(PluginSocketConfiguration config, @Reference RelayPorts ports, @Reference BootFinished boot)
            throws IOException {
        if (config.max_connections() < 1) {
            throw new IllegalArgumentException("dev.berth.plugin: max.connections must be positive");
        }
        this.relay = new UnixSocketRelay(Path.of(config.socket_path()), this::endpoint, ports,
                config.max_connections());
        LOG.info("Docker plugin socket listening on {}", relay.socket());
    }

    private InetSocketAddress endpoint() {
        ServiceReference<JaxrsServiceRuntime> ref = runtime;
        if (ref == null) {
            throw new IllegalStateException("the JAX-RS whiteboard is not available");
        }
        return endpointOf(ref.getProperty(JaxrsServiceRuntimeConstants.JAX_RS_SERVICE_ENDPOINT));
    }

    /**
     * Reads the whiteboard's HTTP address from its endpoint property.
     *
     * @param property a URL, or an array or collection of URLs
     * @return the first endpoint's address, with {@code localhost} as the loopback address
     */
    static InetSocketAddress endpointOf(Object property) {
        Object first = property;
        if (property instanceof String[] array && array.length > 0) {
            first = array[0];
        } else if (property instanceof Collection<?> list && !list.isEmpty()) {
            first = list.iterator().next();
        }
        if (!(first instanceof String url)) {
            throw new IllegalStateException("the JAX-RS whiteboard publishes no endpoint");
        }
        URI uri = URI.create(url);
        String host = uri.getHost();
        try {
            InetAddress address = host == null || host.equals("localhost") || host.equals("0.0.0.0")
                    ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
            return new InetSocketAddress(address, uri.getPort() > 0 ? uri.getPort() : 80);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unusable JAX-RS endpoint " + url, e);
        }
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
