package dev.berth.plugin.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.LocalConnector;

/**
 * Asks the whiteboard, in process, whether it serves the plugin API yet: {@code Plugin.Activate} and each driver's
 * capabilities endpoint must answer 200.
 *
 * <p>Pax Web rebuilds its server when a Jetty handler service (the in-process connector) arrives, and the JAX-RS
 * whiteboard then deploys the plugin application and its resources again. dockerd caches the first answers it gets
 * from a plugin, so the socket opens only once they are the real ones.
 */
final class WhiteboardProbe {

    private final InProcessConnector connector;

    WhiteboardProbe(InProcessConnector connector) {
        this.connector = connector;
    }

    /**
     * Waits until every path answers 200.
     *
     * @param interfaces the Docker plugin interfaces the drivers implement
     * @param timeout how long to wait
     * @return the paths that still did not answer 200 when the time ran out (empty: all serve)
     * @throws InterruptedException when interrupted
     */
    List<String> awaitServing(List<String> interfaces, Duration timeout) throws InterruptedException {
        List<String> pending = new ArrayList<>();
        pending.add("/Plugin.Activate");
        for (String name : interfaces) {
            pending.add("/" + name + (name.equals("VolumeDriver") ? ".Capabilities" : ".GetCapabilities"));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(path -> status(path) == 200);
            if (!pending.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(50); // the whiteboard deploys on its own threads; nothing to wait on
            }
        }
        return pending;
    }

    /** The HTTP status of a POST with an empty JSON body, or -1 when there is no answer. */
    int status(String path) {
        try {
            LocalConnector.LocalEndPoint endPoint = connector.connect(1000);
            try {
                endPoint.addInput("POST " + path + " HTTP/1.1\r\nHost: berth\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
                // read the whole answer, as the relay does, until the server ends the connection
                StringBuilder answer = new StringBuilder();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < deadline) {
                    java.nio.ByteBuffer out = endPoint.waitForOutput(200, TimeUnit.MILLISECONDS);
                    if (out != null && out.hasRemaining()) {
                        answer.append(java.nio.charset.StandardCharsets.ISO_8859_1.decode(out));
                    } else if (!endPoint.isOpen() || endPoint.isOutputShutdown()) {
                        break;
                    }
                }
                String text = answer.toString();
                return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
            } finally {
                endPoint.close();
            }
        } catch (Exception e) { // no server yet, no answer in time, or a malformed one: not serving
            return -1;
        }
    }
}
