package dev.berth.haproxy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.berth.docker.api.Container;
import dev.berth.haproxy.api.BackendServer;
import dev.berth.haproxy.api.IngressRoute;
import dev.berth.haproxy.api.RouteProblem;

/**
 * Reads a container's {@code berth.http.*} labels into a route:
 * <pre>
 * berth.http.host    = app.example.internal[,www.example.internal]   required
 * berth.http.port    = 8080                                            required, the container's port
 * berth.http.path    = /api                                            optional path prefix
 * berth.http.tls     = my-set                                          optional certificate set name
 * berth.http.health  = /healthz                                        optional HTTP health check path
 * berth.http.network = frontend-net                                    optional network to reach it on
 * </pre>
 * A container whose labels are wrong gets no route and a problem per wrong label; it never throws.
 */
final class RouteLabels {

    static final String PREFIX = "berth.http.";
    static final String HOST = PREFIX + "host";
    static final String PORT = PREFIX + "port";
    static final String PATH = PREFIX + "path";
    static final String TLS = PREFIX + "tls";
    static final String HEALTH = PREFIX + "health";
    static final String NETWORK = PREFIX + "network";
    private static final Set<String> KNOWN = Set.of(HOST, PORT, PATH, TLS, HEALTH, NETWORK);

    /**
     * What a container's labels give.
     *
     * @param route the route, or empty
     * @param problems what is wrong with the labels
     */
    record Result(Optional<IngressRoute> route, List<RouteProblem> problems) {
    }

    private final String preferredNetwork;

    /**
     * @param preferredNetwork the network whose address to use when the container names none, or empty
     */
    RouteLabels(String preferredNetwork) {
        this.preferredNetwork = preferredNetwork;
    }

    /**
     * Reads one container's labels. A container that does not run gives no route and no problem.
     *
     * @param container the container
     * @return the route or the problems
     */
    Result read(Container container) {
        Map<String, String> labels = new TreeMap<>();
        container.labels().forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                labels.put(k, v == null ? "" : v.trim());
            }
        });
        if (labels.isEmpty()) {
            return new Result(Optional.empty(), List.of());
        }
        String source = "container:" + container.name();
        List<RouteProblem> problems = new ArrayList<>();
        labels.keySet().stream().filter(k -> !KNOWN.contains(k)).forEach(k -> problems.add(new RouteProblem(source, k,
                labels.get(k), "unknown label; expected one of " + String.join(", ", new java.util.TreeSet<>(KNOWN)))));
        String hosts = labels.getOrDefault(HOST, "");
        if (hosts.isEmpty()) {
            problems.add(new RouteProblem(source, HOST, hosts, "required: the host name(s) to route, comma-separated"));
        }
        int port = port(source, labels.get(PORT), problems);
        if (!problems.isEmpty() || !container.running()) {
            return new Result(Optional.empty(), problems);
        }
        Optional<String> address = address(container, labels.getOrDefault(NETWORK, ""), source, problems);
        if (address.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        List<String> names = Arrays.stream(hosts.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        String set = labels.getOrDefault(TLS, "");
        try {
            IngressRoute route = new IngressRoute(names, labels.getOrDefault(PATH, ""),
                    List.of(new BackendServer(address.get(), port)),
                    set.isEmpty() ? IngressRoute.defaultCertificateSet(names.get(0)) : set,
                    labels.getOrDefault(HEALTH, ""), source);
            return new Result(Optional.of(route), List.of());
        } catch (IllegalArgumentException e) {
            return new Result(Optional.empty(), List.of(new RouteProblem(source, labelAt(e.getMessage()),
                    labels.getOrDefault(labelAt(e.getMessage()), ""), e.getMessage())));
        }
    }

    private static String labelAt(String message) {
        if (message.contains("host name")) {
            return HOST;
        }
        if (message.contains("path prefix")) {
            return PATH;
        }
        if (message.contains("health")) {
            return HEALTH;
        }
        return message.contains("certificate set") ? TLS : PORT;
    }

    private static int port(String source, String value, List<RouteProblem> problems) {
        if (value == null || value.isEmpty()) {
            problems.add(new RouteProblem(source, PORT, "", "required: the container's port to forward to"));
            return -1;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new RouteProblem(source, PORT, value, "must be a port number from 1 to 65535"));
        return -1;
    }

    private Optional<String> address(Container container, String network, String source, List<RouteProblem> problems) {
        Map<String, Container.Attachment> networks = new TreeMap<>(container.networks());
        String wanted = network.isEmpty() ? preferredNetwork : network;
        if (!wanted.isEmpty() && networks.containsKey(wanted)) {
            Optional<String> a = address(networks.get(wanted));
            if (a.isPresent() || network.isEmpty()) {
                return a.isPresent() ? a : firstAddress(container, networks, source, problems);
            }
            problems.add(new RouteProblem(source, NETWORK, network, "the container has no IP address on that network"));
            return Optional.empty();
        } else if (!network.isEmpty()) {
            problems.add(new RouteProblem(source, NETWORK, network, "the container is not attached to that network; "
                    + "it is on " + (networks.isEmpty() ? "none" : String.join(", ", networks.keySet()))));
            return Optional.empty();
        }
        return firstAddress(container, networks, source, problems);
    }

    private static Optional<String> firstAddress(Container container, Map<String, Container.Attachment> networks,
            String source, List<RouteProblem> problems) {
        for (Container.Attachment a : networks.values()) {
            Optional<String> address = address(a);
            if (address.isPresent()) {
                return address;
            }
        }
        problems.add(new RouteProblem(source, "", "", "the container has no IP address to forward to (network mode "
                + container.networkMode() + ")"));
        return Optional.empty();
    }

    private static Optional<String> address(Container.Attachment a) {
        if (a.ipv4() != null && !a.ipv4().isBlank()) {
            return Optional.of(a.ipv4().contains("/") ? a.ipv4().substring(0, a.ipv4().indexOf('/')) : a.ipv4());
        }
        if (a.ipv6() != null && !a.ipv6().isBlank()) {
            return Optional.of(a.ipv6().contains("/") ? a.ipv6().substring(0, a.ipv6().indexOf('/')) : a.ipv6());
        }
        return Optional.empty();
    }
}
