package dev.berth.plugin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.HandlerList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The relay against a real Jetty server whose only way in is the in-process connector, as in Berth.
 */
public class UnixSocketRelayTest {

    private Server server;
    private InProcessConnector connector;
    private final Queue<Boolean> carried = new ConcurrentLinkedQueue<>();
    private final Queue<String> asked = new ConcurrentLinkedQueue<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private Path dir;

    @Before
    public void setUp() throws Exception {
        server = new Server();
        connector = new InProcessConnector();
        AbstractHandler echo = new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                carried.add(connector.carried(request));
                asked.add(target);
                if (missing.contains(target)) {
                    response.sendError(404, "No service was found.");
                    base.setHandled(true);
                    return;
                }
                byte[] body = request.getInputStream().readAllBytes();
                response.setContentType("text/plain");
                response.getOutputStream().write(("echo " + target + ":" + new String(body, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
                base.setHandled(true);
            }
        };
        server.setHandler(new HandlerList(connector, echo));
        server.start();
        dir = Files.createTempDirectory("relay-test");
    }

    @After
    public void tearDown() throws Exception {
        server.stop();
    }

    @Test
    public void theServerHasNoNetworkConnectorOnlyTheInProcessOne() {
        assertEquals(1, server.getConnectors().length);
        assertFalse(server.getConnectors()[0] instanceof ServerConnector);
    }

    @Test
    public void socketIsPrivateAndRequestsReachTheServerThroughTheInProcessConnector() throws Exception {
        Path socket = dir.resolve("berth.sock");
        try (UnixSocketRelay relay = new UnixSocketRelay(socket, connector::connect, 4)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            // the staging directory used for the private bind is gone
            try (var entries = Files.list(dir)) {
                assertEquals(1, entries.count());
            }
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                String first = "POST /Plugin.Activate HTTP/1.1\r\nHost: plugin\r\nContent-Length: 4\r\n\r\nping";
                String second = "POST /IpamDriver.GetCapabilities HTTP/1.1\r\nHost: plugin\r\nContent-Length: 2\r\n"
                        + "Connection: close\r\n\r\n{}";
                client.write(ByteBuffer.wrap((first + second).getBytes(StandardCharsets.US_ASCII)));
                String answers = readAll(client);
                assertTrue(answers, answers.contains("echo /Plugin.Activate:ping"));
                assertTrue("keep-alive: both requests on one connection " + answers,
                        answers.contains("echo /IpamDriver.GetCapabilities:{}"));
            }
            assertEquals(2, carried.size());
            assertTrue("the filter sees the plugin socket's connector", carried.stream().allMatch(b -> b));
        }
        assertFalse("the socket file is removed on close", Files.exists(socket));
    }

    @Test
    public void aLargeAnswerArrivesWhole() throws Exception {
        Path socket = dir.resolve("large.sock");
        String big = "x".repeat(200_000);
        try (UnixSocketRelay relay = new UnixSocketRelay(socket, connector::connect, 4);
                SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            client.write(ByteBuffer.wrap(("POST /big HTTP/1.1\r\nHost: p\r\nConnection: close\r\nContent-Length: "
                    + big.length() + "\r\n\r\n" + big).getBytes(StandardCharsets.US_ASCII)));
            String answer = readAll(client);
            assertTrue(answer.startsWith("HTTP/1.1 200"));
            assertTrue(answer.endsWith("echo /big:" + big));
        }
    }

    @Test
    public void aStoppedServerGivesDockerAClearErrorNotAHang() throws Exception {
        Path socket = dir.resolve("stopped.sock");
        server.stop();
        try (UnixSocketRelay relay = new UnixSocketRelay(socket, timeout -> connector.connect(200), 4);
                SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            client.write(ByteBuffer.wrap("POST /x HTTP/1.1\r\nHost: p\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            String answer = readAll(client);
            assertTrue(answer, answer.startsWith("HTTP/1.1 503"));
            assertTrue(answer, answer.endsWith("{\"Err\":\"Berth cannot serve plugin requests now: "
                    + "the HTTP whiteboard's server is not running\"}"));
        }
    }

    @Test
    public void theProbeWaitsUntilActivateAndEachDriverAnswer() throws Exception {
        WhiteboardProbe probe = new WhiteboardProbe(connector);
        assertEquals(200, probe.status("/Plugin.Activate"));
        assertEquals(List.of(), probe.awaitServing(List.of("IpamDriver", "VolumeDriver"), Duration.ofSeconds(10)));
        assertEquals("each path was asked", List.of("/Plugin.Activate", "/IpamDriver.GetCapabilities",
                "/VolumeDriver.Capabilities"), asked.stream().distinct().toList());
        missing.add("/NetworkDriver.GetCapabilities");
        assertEquals(List.of("/NetworkDriver.GetCapabilities"),
                probe.awaitServing(List.of("IpamDriver", "NetworkDriver"), Duration.ofMillis(300)));
        server.stop();
        assertEquals(-1, probe.status("/Plugin.Activate"));
    }

    @Test
    public void aStaleSocketFileIsReplacedButALiveOneIsNot() throws Exception {
        Path socket = dir.resolve("stale.sock");
        try (var stale = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
            IOException busy = assertThrows(IOException.class,
                    () -> new UnixSocketRelay(socket, connector::connect, 4));
            assertTrue(busy.getMessage(), busy.getMessage().contains("another process"));
        }
        // the listener is gone, its file remains: a crashed Berth's leftover
        assertTrue(Files.exists(socket));
        try (UnixSocketRelay relay = new UnixSocketRelay(socket, connector::connect, 4)) {
            assertTrue(Files.exists(socket));
        }
    }

    private static String readAll(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
        while (channel.read(buffer) >= 0) {
            // until the relay closes the stream
        }
        buffer.flip();
        return StandardCharsets.US_ASCII.decode(buffer).toString();
    }
}
