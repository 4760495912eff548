package dev.berth.plugin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class UnixSocketRelayTest {

    private ServerSocket upstream;
    private Path dir;
    private final RelayPorts ports = new RelayPorts();

    @Before
    public void setUp() throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        dir = Files.createTempDirectory("relay-test");
    }

    @After
    public void tearDown() throws IOException {
        upstream.close();
    }

    private InetSocketAddress target() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.getLocalPort());
    }

    @Test
    public void socketIsPrivateAndBytesFlowBothWaysFromARecordedSourcePort() throws Exception {
        Path socket = dir.resolve("berth.sock");
        try (UnixSocketRelay relay = new UnixSocketRelay(socket, this::target, ports, 4)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            // the staging directory used for the private bind is gone
            try (var entries = Files.list(dir)) {
                assertEquals(1, entries.count());
            }
            CompletableFuture<Boolean> sourceWasRecorded = new CompletableFuture<>();
            CompletableFuture.runAsync(() -> {
                try (Socket s = upstream.accept()) {
                    sourceWasRecorded.complete(ports.isRelay(s.getPort()));
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] request = in.readNBytes(4);
                    out.write(("echo:" + new String(request, StandardCharsets.US_ASCII)).getBytes());
                    out.flush();
                } catch (IOException e) {
                    sourceWasRecorded.completeExceptionally(e);
                }
            });
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
                assertEquals("echo:ping", readAll(client));
            }
            assertTrue(sourceWasRecorded.get(10, TimeUnit.SECONDS));
        }
        assertFalse("the socket file is removed on close", Files.exists(socket));
    }

    @Test
    public void portsAreForgottenWhenTheConnectionEnds() throws Exception {
        Path socket = dir.resolve("b.sock");
        try (UnixSocketRelay relay = new UnixSocketRelay(socket, this::target, ports, 4)) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = upstream.accept()) {
                    s.getOutputStream().write('x');
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertEquals("x", readAll(client));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ports.size() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, ports.size());
        }
    }

    @Test
    public void aStaleSocketFileIsReplacedButALiveOneIsNot() throws Exception {
        Path socket = dir.resolve("stale.sock");
        try (var stale = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
            IOException busy = assertThrows(IOException.class, () -> new UnixSocketRelay(socket, this::target, ports, 4));
            assertTrue(busy.getMessage(), busy.getMessage().contains("another process"));
        }
        // the listener is gone, its file remains: a crashed Berth's leftover
        assertTrue(Files.exists(socket));
        try (UnixSocketRelay relay = new UnixSocketRelay(socket, this::target, ports, 4)) {
            assertTrue(Files.exists(socket));
        }
    }

    private static String readAll(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (channel.read(buffer) >= 0) {
            // until the relay closes the stream
        }
        buffer.flip();
        return StandardCharsets.US_ASCII.decode(buffer).toString();
    }
}
