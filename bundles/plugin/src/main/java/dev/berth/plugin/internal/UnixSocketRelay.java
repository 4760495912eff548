package dev.berth.plugin.internal;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on a Unix socket and pipes each one, byte for byte, into the JAX-RS whiteboard's
 * Jetty through an in-process end point: no network listener is involved.
 */
final class UnixSocketRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketRelay.class);
    /** How long a new connection waits for the whiteboard's server while Pax Web (re)starts it. */
    private static final long CONNECT_WAIT_MILLIS = 30_000;

    /** Opens an in-process connection to the whiteboard. */
    interface Upstream {
        /**
         * Opens a connection.
         *
         * @param timeoutMillis how long to wait for the server
         * @return its end point
         * @throws IOException when the server is not running
         */
        org.eclipse.jetty.io.ByteArrayEndPoint connect(long timeoutMillis) throws IOException;
    }

    private final Path socket;
    private final Upstream upstream;
    private final Semaphore slots;
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Binds the socket with mode 0600 and starts accepting.
     *
     * @param socket the socket path
     * @param upstream opens each client's connection into the whiteboard
     * @param maxConnections how many clients may be connected at once
     * @throws IOException when the socket cannot be bound, or another process serves it
     */
    UnixSocketRelay(Path socket, Upstream upstream, int maxConnections) throws IOException {
        this.socket = socket;
        this.upstream = upstream;
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
        org.eclipse.jetty.io.ByteArrayEndPoint target = null;
        try {
            open.add(client);
            try {
                target = upstream.connect(CONNECT_WAIT_MILLIS);
            } catch (IOException e) {
                unavailable(client, e.getMessage());
                return;
            }
            open.add(target);
            org.eclipse.jetty.io.ByteArrayEndPoint up = target;
            Future<?> responses = threads.submit(() -> answers(up, client));
            requests(client, target);
            responses.get(); // the answer to the last request may still be on its way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | ExecutionException e) {
            LOG.debug("Plugin connection ended: {}", e.toString());
        } finally {
            closeQuietly(client);
            open.remove(client);
            if (target != null) {
                target.close();
                open.remove(target);
            }
            slots.release();
        }
    }

    /** Answers a client for whom there is no whiteboard with an error Docker shows, then ends the connection. */
    private static void unavailable(SocketChannel client, String reason) throws IOException {
        String body = "{\"Err\":\"Berth cannot serve plugin requests now: " + reason.replace("\"", "'") + "\"}";
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + dev.berth.plugin.api.PluginProtocol.MEDIA_TYPE
                + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        ByteBuffer answer = ByteBuffer.allocate(head.length() + bytes.length);
        answer.put(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(bytes).flip();
        while (answer.hasRemaining()) {
            client.write(answer);
        }
        client.shutdownOutput();
        LOG.warn("Answered a plugin connection with 503: {}", reason);
        // read what the client sent until it hangs up: closing on unread bytes would reset the connection
        ByteBuffer sink = ByteBuffer.allocate(16 * 1024);
        long drained = 0;
        int n;
        while (drained < 1024 * 1024 && (n = client.read(sink)) >= 0) {
            drained += n;
            sink.clear();
        }
    }

    /** Copies what the client sends into the whiteboard until the client ends its side. */
    private static void requests(SocketChannel from, org.eclipse.jetty.io.ByteArrayEndPoint to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (!to.isOpen()) {
                    return;
                }
                ByteBuffer chunk = ByteBuffer.allocate(buffer.remaining());
                chunk.put(buffer).flip();
                to.addInput(chunk);
                buffer.clear();
            }
            if (to.isOpen()) {
                to.addInputEOF();
            }
        } catch (IOException | RuntimeException e) {
            to.close();
        }
    }

    /** Copies the whiteboard's answers to the client until the whiteboard ends the connection. */
    private static void answers(org.eclipse.jetty.io.ByteArrayEndPoint from, SocketChannel to) {
        try {
            while (true) {
                ByteBuffer out = from.waitForOutput(1, TimeUnit.SECONDS);
                if (out != null && out.hasRemaining()) {
                    while (out.hasRemaining()) {
                        to.write(out);
                    }
                } else if (!from.isOpen() || from.isOutputShutdown()) {
                    break;
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing a relay connection: {}", e.getMessage());
            }
        }
        threads.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Cannot remove the plugin socket {}: {}", socket, e.getMessage());
        }
    }
}
