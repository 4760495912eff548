package dev.berth.plugin.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import javax.servlet.http.HttpServletRequest;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the plugin socket a way into the HTTP whiteboard's Jetty that is not a network listener: Jetty's
 * in-process {@link LocalConnector}.
 *
 * <p>Berth's whiteboard has no TCP connector at all ({@code etc/org.ops4j.pax.web.cfg} disables HTTP and
 * HTTPS), so the Docker plugin API is reachable only through the plugin socket. Pax Web adds Jetty handlers
 * registered as services to its server; this handler handles nothing, and uses its place in the server to
 * add the in-process connector when the server starts and remove it when the server stops (Pax Web rebuilds
 * its server when its configuration changes).
 */
@Component(service = {Handler.class, InProcessConnector.class}, property = "service.ranking:Integer=-1000")
public final class InProcessConnector extends AbstractHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessConnector.class);

    private final Object lock = new Object();
    private LocalConnector connector;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Server server = getServer();
        LocalConnector local = new LocalConnector(server);
        local.setName("berth-plugin-socket");
        server.addConnector(local);
        if (!local.isStarted()) {
            local.start();
        }
        synchronized (lock) {
            connector = local;
            lock.notifyAll();
        }
        LOG.debug("In-process connector added to the HTTP whiteboard's server");
    }

    @Override
    protected void doStop() throws Exception {
        LocalConnector local;
        synchronized (lock) {
            local = connector;
            connector = null;
        }
        if (local != null) {
            local.getServer().removeConnector(local);
            local.stop();
        }
        super.doStop();
    }

    /** Handles nothing: requests go on to the whiteboard's contexts. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request,
            javax.servlet.http.HttpServletResponse response) {
        // this handler only holds the connector
    }

    /**
     * Opens a connection into the whiteboard, waiting a while for its server when Pax Web is (re)starting it.
     *
     * @param timeoutMillis how long to wait for the server
     * @return the connection's end point: bytes added as input are parsed as HTTP requests
     * @throws IOException when the server is not running within the time
     */
    LocalConnector.LocalEndPoint connect(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            while (connector == null || !connector.isStarted()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("the HTTP whiteboard's server is not running");
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the HTTP whiteboard", e);
                }
            }
            return connector.connect();
        }
    }

    /**
     * Tells whether a request arrived through this connector, that is through the plugin socket.
     *
     * @param request a request of the whiteboard
     * @return {@code true} when it came through the plugin socket
     */
    boolean carried(HttpServletRequest request) {
        Request base = Request.getBaseRequest(request);
        LocalConnector local;
        synchronized (lock) {
            local = connector;
        }
        return base != null && local != null && base.getHttpChannel() != null
                && base.getHttpChannel().getConnector() == local;
    }
}
