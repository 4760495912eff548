package dev.berth.haproxy.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The ingress proxy's routes: those from container labels and the static ones operators add. */
@ProviderType
public interface IngressRoutes {

    /**
     * Lists the routes served, static and from labels.
     *
     * @return the routes, ordered by key
     */
    List<IngressRoute> routes();

    /**
     * Adds or replaces the static route of the same key, and applies the configuration.
     *
     * @param route the route; its origin is set to {@link IngressRoute#STATIC}
     * @return the route as added
     * @throws IllegalStateException when HAProxy refuses the resulting configuration (the route is then not added
     *     and the running configuration stays)
     */
    IngressRoute add(IngressRoute route);

    /**
     * Removes the static routes whose first host name is {@code host}, and applies the configuration.
     *
     * @param host the host name
     * @return whether a route was removed
     */
    boolean remove(String host);

    /**
     * Returns the proxy's state.
     *
     * @return the status
     */
    ProxyStatus status();

    /**
     * Returns the HAProxy configuration as last rendered; it names certificate files but holds no key.
     *
     * @return the configuration text, or empty before the first rendering
     */
    String config();
}
