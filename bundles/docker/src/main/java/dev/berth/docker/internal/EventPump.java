package dev.berth.docker.internal;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.docker.api.ContainerEvent;
import dev.berth.docker.api.ContainerListener;

/**
 * Reads Docker's events stream and hands container and network events to every {@link ContainerListener}. A
 * listener gets a {@code resync} event when it is added and whenever the stream (re)connects, since events may
 * have been missed meanwhile; the stream reconnects with back-off when dockerd goes away.
 */
@Component(immediate = true, configurationPid = "dev.berth.docker", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class EventPump {

    private static final Logger LOG = LoggerFactory.getLogger(EventPump.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = DockerEngineClient.VERSION + "/events?filters="
            + java.net.URLEncoder.encode("{\"type\":[\"container\",\"network\"]}", java.nio.charset.StandardCharsets.UTF_8);

    private final List<ContainerListener> listeners = new CopyOnWriteArrayList<>();
    private final UnixHttpClient http;
    private final Thread thread;
    private volatile SocketChannel channel;
    private volatile boolean running = true;

    /**
     * Starts reading the stream.
     *
     * @param config where the socket is
     */
    @Activate
    public EventPump(DockerConfiguration config) {
        this.http = new UnixHttpClient(Path.of(config.socket()));
        this.thread = new Thread(this::loop, "berth-docker-events");
        thread.setDaemon(true);
        thread.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(ContainerListener listener) {
        listeners.add(listener);
        // a listener that arrives late has missed everything before it: it starts from a resync too
        try {
            listener.handle(new ContainerEvent("resync", "resync", "", Map.of()));
        } catch (RuntimeException e) {
            LOG.warn("A new listener failed on its first resync", e);
        }
    }

    void removeListener(ContainerListener listener) {
        listeners.remove(listener);
    }

    private void loop() {
        long backoff = 250;
        while (running) {
            boolean[] connected = {false};
            try {
                http.stream(PATH, this::dispatch, c -> {
                    channel = c;
                    connected[0] = true;
                    // whatever happened before this stream (or while it was down) was not seen: re-read it
                    dispatch(new ContainerEvent("resync", "resync", "", Map.of()));
                });
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.debug("Docker events stream ended: {}", e.getMessage());
                }
            }
            if (!running) {
                return;
            }
            if (connected[0]) {
                LOG.info("The Docker engine's events stream ended; reconnecting");
                backoff = 250;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(backoff * 1_000_000L);
            backoff = Math.min(5_000, backoff * 2);
        }
    }

    private void dispatch(String line) {
        try {
            JsonNode e = JSON.readTree(line);
            Map<String, String> attributes = new HashMap<>();
            e.path("Actor").path("Attributes").fields().forEachRemaining(a -> attributes.put(a.getKey(), a.getValue()
                    .asText()));
            String id = e.path("Actor").path("ID").asText(e.path("id").asText(""));
            dispatch(new ContainerEvent(e.path("Type").asText(""), e.path("Action").asText(""), id, attributes));
        } catch (IOException e) {
            LOG.warn("Ignoring an unreadable Docker event: {}", line);
        }
    }

    private void dispatch(ContainerEvent event) {
        for (ContainerListener l : listeners) {
            try {
                l.handle(event);
            } catch (RuntimeException e) {
                LOG.warn("A listener failed on Docker event {} {} {}", event.type(), event.action(), event.id(), e);
            }
        }
    }

    /** Stops reading. */
    @Deactivate
    public void close() {
        running = false;
        SocketChannel c = channel;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing the events stream: {}", e.getMessage());
            }
        }
        thread.interrupt();
    }
}
