package dev.berth.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay: every connection to its listening address is joined to a new connection to the target. The tests
 * use two to let a Berth in a network namespace of its own (another cluster node) reach the first node's database,
 * which listens on the host's loopback only: one relay runs in the namespace on its loopback, one here on the
 * address of the link between the two.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean closed;

    private TcpRelay(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /**
     * Starts relaying in this process.
     *
     * @param listen the address and port to listen on
     * @param target where connections go
     * @return the running relay
     * @throws IOException when the address cannot be bound
     */
    public static TcpRelay start(InetSocketAddress listen, InetSocketAddress target) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(listen);
        TcpRelay relay = new TcpRelay(server, target);
        Thread accept = new Thread(relay::acceptLoop, "relay-" + listen);
        accept.setDaemon(true);
        accept.start();
        return relay;
    }

    /**
     * Starts a relay as a process of its own inside a network namespace.
     *
     * @param netns the namespace
     * @param listen the address and port to listen on there
     * @param target where connections go, as seen from there
     * @return the process; the caller ends it
     * @throws IOException when it cannot be started
     */
    public static Process startIn(String netns, InetSocketAddress listen, InetSocketAddress target) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(TcpRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return new ProcessBuilder("nsenter", "--net=/run/netns/" + netns, java, "-cp", classes, TcpRelay.class.getName(),
                listen.getAddress().getHostAddress(), Integer.toString(listen.getPort()),
                target.getAddress().getHostAddress(), Integer.toString(target.getPort()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Relays until killed.
     *
     * @param args listen address, listen port, target address, target port
     * @throws Exception when it cannot listen
     */
    public static void main(String[] args) throws Exception {
        start(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])),
                new InetSocketAddress(InetAddress.getByName(args[2]), Integer.parseInt(args[3])));
        Thread.currentThread().join();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = server.accept();
                Socket out = new Socket();
                try {
                    out.connect(target, 10_000);
                } catch (IOException e) {
                    in.close();
                    continue;
                }
                synchronized (open) {
                    open.add(in);
                    open.add(out);
                }
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (open) {
            open.forEach(TcpRelay::closeQuietly);
        }
    }
}
