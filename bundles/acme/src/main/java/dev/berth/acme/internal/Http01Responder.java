package dev.berth.acme.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal HTTP/1.1 server for the http-01 challenge: answers {@code GET /.well-known/acme-challenge/<token>}
 * with the key authorization while the token is pending, and 404 to everything else. Plain sockets, so the
 * bundle needs no HTTP server package from the JDK or the container.
 */
final class Http01Responder implements AutoCloseable {

    static final String PREFIX = "/.well-known/acme-challenge/";
    private static final Logger LOG = LoggerFactory.getLogger(Http01Responder.class);
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final int WORKERS = 4;

    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final ServerSocket server;
    private final Thread acceptor;
    // A few workers, so one client that connects and sends nothing cannot hold up the CA's validation request.
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread t = new Thread(r, "berth-acme-http01-worker");
        t.setDaemon(true);
        return t;
    });

    Http01Responder(InetSocketAddress bindAddress) {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(bindAddress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for http-01 challenges on " + bindAddress, e);
        }
        acceptor = new Thread(this::acceptLoop, "berth-acme-http01");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("ACME http-01 responder listening on {}", server.getLocalSocketAddress());
    }

    /** The address actually bound (the port is the real one when 0 was asked for). */
    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    void add(String token, String keyAuthorization) {
        pending.put(token, keyAuthorization);
    }

    void remove(String token) {
        pending.remove(token);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                try {
                    workers.execute(() -> serve(socket));
                } catch (RejectedExecutionException e) {
                    socket.close(); // closing down
                }
            } catch (SocketException e) {
                if (!server.isClosed()) {
                    LOG.debug("http-01 accept failed", e);
                }
            } catch (IOException e) {
                LOG.debug("http-01 accept failed", e);
            }
        }
    }

    private void serve(Socket connection) {
        try (Socket socket = connection) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            answer(socket);
        } catch (IOException e) {
            LOG.debug("http-01 connection failed", e);
        }
    }

    private void answer(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            // Headers (Host among them) do not change the answer.
        }
        String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
        String body = null;
        if (parts.length == 3 && ("GET".equals(parts[0]) || "HEAD".equals(parts[0]))
                && parts[1].startsWith(PREFIX)) {
            body = pending.get(parts[1].substring(PREFIX.length()));
        }
        LOG.debug("http-01 request {} from {}: {}", requestLine, socket.getRemoteSocketAddress(),
                body == null ? 404 : 200);
        String status = body == null ? "404 Not Found" : "200 OK";
        byte[] content = (body == null ? "not found\n" : body).getBytes(StandardCharsets.US_ASCII);
        boolean head = parts.length > 0 && "HEAD".equals(parts[0]);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " + content.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (!head) {
            out.write(content);
        }
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the http-01 listener", e);
        }
        workers.shutdownNow();
        pending.clear();
    }
}
