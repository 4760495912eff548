package dev.berth.plugin.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.features.BootFinished;
import org.osgi.framework.BundleContext;
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
 * whiteboard, where the plugin application serves them. It opens once Karaf has installed its boot features, every
 * started driver bundle has registered its driver and the whiteboard answers for each, then says that Berth is ready.
 */
@Component(immediate = true, service = {}, configurationPid = "dev.berth.plugin",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PluginSocketConfiguration.class)
public final class PluginSocket {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSocket.class);
    /** How long the socket waits for the whiteboard to serve the plugin API before opening anyway. */
    private static final Duration WHITEBOARD_WAIT = Duration.ofSeconds(60);
    /** How long the socket waits for the started driver bundles to register their drivers before opening anyway. */
    private static final Duration DRIVERS_WAIT = Duration.ofSeconds(180);

    private final Thread opener;
    private volatile UnixSocketRelay relay;
    private volatile boolean closed;

    /**
     * Starts opening the socket. dockerd caches the first {@code Plugin.Activate} answer for its lifetime, so the
     * socket must not open before every started driver bundle has registered its driver (a driver waits for its
     * own references, such as the database and the CA), nor before the whiteboard serves them (it redeploys
     * everything when the in-process connector arrives). The wait runs on its own thread: the whiteboard may be
     * started by the very thread that activates this component.
     *
     * @param context the plugin bundle's context, to see which driver bundles are started
     * @param config the socket configuration
     * @param connector the way into the whiteboard's server
     * @param drivers the drivers whose endpoints must answer first
     * @param whiteboard the JAX-RS whiteboard, present before the socket opens
     * @param boot present once the boot features are installed
     */
    @Activate
    public PluginSocket(BundleContext context, PluginSocketConfiguration config,
            @Reference InProcessConnector connector, @Reference PluginDrivers drivers,
            @Reference JaxrsServiceRuntime whiteboard, @Reference BootFinished boot) {
        if (config.max_connections() < 1) {
            throw new IllegalArgumentException("dev.berth.plugin: max.connections must be positive");
        }
        Path path = Path.of(config.socket_path());
        this.opener = new Thread(() -> open(context, path, config.max_connections(), connector, drivers),
                "berth-plugin-open");
        opener.setDaemon(true);
        opener.start();
    }

    private void open(BundleContext context, Path path, int maxConnections, InProcessConnector connector,
            PluginDrivers drivers) {
        try {
            List<String> late = AwaitedDrivers.await(context, DRIVERS_WAIT);
            if (!late.isEmpty()) {
                LOG.warn("Driver bundles {} have not registered their drivers after {} s; opening the plugin socket "
                        + "without them (dockerd will not see them until it restarts)", late, DRIVERS_WAIT.toSeconds());
            }
            List<String> silent = new WhiteboardProbe(connector).awaitServing(drivers.interfaces(), WHITEBOARD_WAIT);
            if (!silent.isEmpty()) {
                LOG.warn("The JAX-RS whiteboard does not answer {} after {} s; opening the plugin socket anyway",
                        silent, WHITEBOARD_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            return; // deactivated while waiting
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                relay = new UnixSocketRelay(path, connector::connect, maxConnections);
            } catch (IOException | RuntimeException e) {
                LOG.error("Cannot open the Docker plugin socket {}: {}", path, e.getMessage(), e);
                return;
            }
        }
        LOG.info("Docker plugin socket listening on {}", path);
        List<String> served = drivers.interfaces();
        LOG.info("Berth is ready: Docker plugin socket {} serves {}", path,
                served.isEmpty() ? "no driver yet" : String.join(", ", served));
    }

    /** Stops waiting, and removes the socket if it is open. */
    @Deactivate
    public void close() {
        synchronized (this) {
            closed = true;
        }
        opener.interrupt();
        try {
            opener.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        UnixSocketRelay open = relay;
        if (open != null) {
            open.close();
            LOG.info("Docker plugin socket {} closed", open.socket());
        }
    }
}
