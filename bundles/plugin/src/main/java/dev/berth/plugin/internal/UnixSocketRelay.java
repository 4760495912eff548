package dev.berth.plugin.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on a Unix socket and pipes each one, byte for byte, to the JAX-RS whiteboard's HTTP
 * port on loopback, from a source port it records in {@link RelayPorts}.
 */
final class UnixSocketRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketRelay.class);

    private final Path socket;
    private final Supplier<InetSocketAddress> upstream;
    private final RelayPorts ports;
    private final Semaphore slots;
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Binds the socket with mode 0600 and starts accepting.
     *
     * @param socket the socket path
     * @param upstream where to connect each client to; read per connection
     * @param ports the registry of relay source ports
     * @param maxConnections how many clients may be connected at once
     * @throws IOException when the socket cannot be bound, or another process serves it
     */
    UnixSocketRelay(Path socket, Supplier<InetSocketAddress> upstream, RelayPorts ports, int maxConnections)
            throws IOException {
        this.socket = socket;
        this.upstream = upstream;
        this.ports = ports;
        this.slots = new Semaphore(maxConnections);
        this.server = bind(socket);
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "berth-plugin-relay-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /**
     * Binds in a private directory and renames the socket into place, so that nobody can connect before
     * its mode is 0600.
     */
    private static ServerSocketChannel bind(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.exists(socket)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                throw new IOException("another process already serves " + socket);
            } catch (IOException refused) {
                if (refused.getMessage() != null && refused.getMessage().startsWith("another process")) {
                    throw refused;
                }
                Files.delete(socket); // left by a Berth that did not shut down cleanly
            }
        }
        Path staging = Files.createTempDirectory(dir, ".berth-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path temp = staging.resolve("s.sock");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(temp));
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            Files.move(temp, socket, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind the plugin socket " + socket + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
            Files.deleteIfExists(staging);
        }
        return channel;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Plugin socket accept failed: {}", e.getMessage());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                LOG.warn("Refusing a plugin connection: {} connections are open", open.size() / 2);
                closeQuietly(client);
                continue;
            }
            try {
                threads.execute(() -> relay(client));
            } catch (RuntimeException e) {
                slots.release();
                closeQuietly(client);
            }
        }
    }

    private void relay(SocketChannel client) {
        SocketChannel target = null;
        int port = -1;
        try {
            target = SocketChannel.open();
            target.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = ((InetSocketAddress) target.getLocalAddress()).getPort();
            ports.add(port);
            open.add(client);
            open.add(target);
            target.connect(upstream.get());
            SocketChannel up = target;
            Future<?> responses = threads.submit(() -> pump(up, client));
            pump(client, target);
            responses.get(); // the answer to the last request may still be on its way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | ExecutionException e) {
            LOG.debug("Plugin connection ended: {}", e.toString());
        } finally {
            if (port >= 0) {
                ports.remove(port); // before closing: the port must never be trusted once it can be reused
            }
            closeQuietly(client);
            closeQuietly(target);
            open.remove(client);
            if (target != null) {
                open.remove(target);
            }
            slots.release();
        }
    }

    /** Copies until {@code from} ends, then ends the other direction's output. */
    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a relay channel: {}", e.getMessage());
        }
    }

    /**
     * Returns the socket path.
     *
     * @return where Docker connects
     */
    Path socket() {
        return socket;
    }

    /** Stops accepting, drops open connections and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the plugin socket: {}", e.getMessage());
        }
        open.forEach(UnixSocketRelay::closeQuietly);
        threads.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Cannot remove the plugin socket {}: {}", socket, e.getMessage());
        }
    }
}
