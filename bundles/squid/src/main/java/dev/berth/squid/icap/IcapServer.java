package dev.berth.squid.icap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's ICAP service (RFC 3507) on one TCP address: {@code /reqmod} and {@code /respmod}, each connection on a
 * thread of its own up to a maximum. With a TLS context it speaks only TLS 1.2 or 1.3 and requires a client
 * certificate that the context trusts, whose identity the peer check accepts.
 */
public final class IcapServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IcapServer.class);
    private static final int IDLE_MILLIS = 300_000;

    private final ServerSocket server;
    private final ThreadPoolExecutor pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Supplier<IcapAdapter> adapters;
    private final IcapConnection.PeerCheck peerCheck;
    private final int preview;
    private final Thread acceptor;

    private IcapServer(ServerSocket server, Supplier<IcapAdapter> adapters, IcapConnection.PeerCheck peerCheck,
            int preview, int maxConnections) {
        this.server = server;
        this.adapters = adapters;
        this.peerCheck = peerCheck;
        this.preview = preview;
        this.pool = new ThreadPoolExecutor(0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> new Thread(r, "berth-icap-connection"));
        this.acceptor = new Thread(this::accept, "berth-icap-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Listens and serves.
     *
     * @param address where to listen
     * @param tls the TLS context, or {@code null} for plain ICAP (loopback only)
     * @param clientIdentity the common name a TLS client's certificate must carry; ignored without TLS
     * @param adapters gives the adapter in force for each request
     * @param preview the preview size offered in OPTIONS
     * @param maxConnections how many connections are served at once; more are closed
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static IcapServer start(InetSocketAddress address, SSLContext tls, String clientIdentity,
            Supplier<IcapAdapter> adapters, int preview, int maxConnections) throws IOException {
        ServerSocket s;
        if (tls == null) {
            if (!address.getAddress().isLoopbackAddress()) {
                throw new IOException("plain ICAP is served on loopback only, not on " + address);
            }
            s = new ServerSocket();
        } else {
            SSLServerSocket ss = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
            ss.setNeedClientAuth(true);
            ss.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            s = ss;
        }
        s.setReuseAddress(true);
        s.bind(address, 128);
        LOG.info("ICAP service listening on {} ({})", s.getLocalSocketAddress(), tls == null ? "plain" : "TLS");
        return new IcapServer(s, adapters, tls == null ? x -> Optional.empty() : PeerIdentity.of(clientIdentity),
                preview, maxConnections);
    }

    /** @return the bound port */
    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.error("ICAP service stops accepting: {}", e.toString());
                }
                return;
            }
            try {
                s.setSoTimeout(IDLE_MILLIS);
                open.add(s);
                pool.execute(() -> {
                    try {
                        new IcapConnection(s, adapters, peerCheck, preview).run();
                    } finally {
                        open.remove(s);
                    }
                });
            } catch (RejectedExecutionException | SocketException e) {
                LOG.warn("ICAP connection from {} refused: too many connections", s.getRemoteSocketAddress());
                open.remove(s);
                closeQuietly(s);
            }
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(IcapServer::closeQuietly);
        pool.shutdownNow();
        try {
            acceptor.join(5000);
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("ICAP service on port {} stopped", server.getLocalPort());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing {}: {}", c, e.toString());
        }
    }
}
