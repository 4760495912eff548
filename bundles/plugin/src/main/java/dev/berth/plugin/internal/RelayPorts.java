package dev.berth.plugin.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

/**
 * The loopback source ports of the relay's open connections to the whiteboard. A request that arrives on
 * the whiteboard's port from any other source port did not come through the plugin socket. While the
 * relay holds a connection no other process can use its source port, so the check cannot be spoofed.
 */
@Component(service = RelayPorts.class)
public final class RelayPorts {

    private final Set<Integer> ports = ConcurrentHashMap.newKeySet();

    void add(int port) {
        ports.add(port);
    }

    void remove(int port) {
        ports.remove(port);
    }

    /**
     * Tells whether a request's source port belongs to one of the relay's connections.
     *
     * @param port the remote port the whiteboard saw
     * @return {@code true} when the request came through the plugin socket
     */
    public boolean isRelay(int port) {
        return ports.contains(port);
    }

    int size() {
        return ports.size();
    }
}
