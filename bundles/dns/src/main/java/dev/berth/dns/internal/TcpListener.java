package dev.berth.dns.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves DNS over TCP on one address (RFC 7766): length-prefixed messages, several per connection answered in
 * order, connections closed when idle, and at most as many connections at once as the pool has threads.
 */
final class TcpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    private final ServerSocket server;
    private final QueryProcessor processor;
    private final ExecutorService connections;
    private final Duration idle;
    private final Duration answerTimeout;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TcpListener(InetSocketAddress address, QueryProcessor processor, ExecutorService connections, Duration idle,
            Duration answerTimeout) throws IOException {
        this.processor = processor;
        this.connections = connections;
        this.idle = idle;
        this.answerTimeout = answerTimeout;
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 128);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        Thread t = new Thread(this::accept, "berth-dns-tcp-" + address);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Returns the bound address, with the port the system chose when port 0 was asked for.
     *
     * @return the address
     */
    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("TCP accept on {} failed: {}", address(), e.toString());
                }
                continue;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                LOG.debug("Too many TCP connections: {} closed", socket.getRemoteSocketAddress());
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            socket.setSoTimeout((int) idle.toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                int length = in.readUnsignedShort();
                byte[] packet = new byte[length];
                in.readFully(packet);
                CompletableFuture<Void> answered = new CompletableFuture<>();
                boolean answering = processor.process(packet, length, socket.getInetAddress(), true, message -> {
                    write(out, message);
                    answered.complete(null);
                });
                if (!answering) {
                    return;
                }
                answered.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client is done, or idle for too long
        } catch (SocketException e) {
            LOG.debug("TCP connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.debug("TCP connection from {} dropped: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("TCP connection from {} failed", socket.getRemoteSocketAddress(), e);
        } finally {
            open.remove(socket);
        }
    }

    private static void write(OutputStream out, byte[] message) {
        byte[] framed = new byte[message.length + 2];
        framed[0] = (byte) (message.length >>> 8);
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, 2, message.length);
        synchronized (out) {
            try {
                out.write(framed);
                out.flush();
            } catch (IOException e) {
                LOG.debug("TCP reply failed: {}", e.toString());
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing {} failed: {}", socket, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the TCP socket {} failed: {}", server, e.toString());
        }
        // a blocked read ignores interrupts: closing is the way to end a connection's thread
        open.forEach(TcpListener::closeQuietly);
    }
}
