package dev.berth.squid.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.berth.docker.api.Container;
import dev.berth.haproxy.api.RouteProblem;

/**
 * Reads the containers published through the reverse proxy from their labels, the conventions of the ingress
 * proxy's {@code berth.http.*} labels:
 * <pre>
 * berth.waf.host    = www.example.test[,example.test]   required, the host names to publish
 * berth.waf.port    = 80                                required, the container's port
 * berth.waf.network = frontend-net                      optional network to reach it on
 * </pre>
 * A container whose labels are wrong is not published and gets a problem per wrong label; the others still are.
 */
final class SiteLabels {

    static final String PREFIX = "berth.waf.";
    static final String HOST = PREFIX + "host";
    static final String PORT = PREFIX + "port";
    static final String NETWORK = PREFIX + "network";
    private static final Set<String> KNOWN = Set.of(HOST, PORT, NETWORK);
    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    private static final String HOST_NAME = LABEL + "(\\." + LABEL + ")*";

    private final String preferredNetwork;

    /** @param preferredNetwork the network whose address to use when a container names none, or empty */
    SiteLabels(String preferredNetwork) {
        this.preferredNetwork = preferredNetwork;
    }

    /**
     * Reads every container's labels. Containers that do not run are not published, and not reported.
     *
     * @param containers the containers
     * @return the sites and the problems
     */
    PublishedSites read(List<Container> containers) {
        List<PublishedSite> sites = new ArrayList<>();
        List<RouteProblem> problems = new ArrayList<>();
        for (Container c : containers) {
            read(c, problems).ifPresent(sites::add);
        }
        sites.sort(Comparator.comparing(PublishedSite::origin));
        return new PublishedSites(sites, problems);
    }

    private Optional<PublishedSite> read(Container container, List<RouteProblem> problems) {
        Map<String, String> labels = new TreeMap<>();
        container.labels().forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                labels.put(k, v == null ? "" : v.trim());
            }
        });
        if (labels.isEmpty()) {
            return Optional.empty();
        }
        String source = "container:" + container.name();
        int before = problems.size();
        labels.keySet().stream().filter(k -> !KNOWN.contains(k)).forEach(k -> problems.add(new RouteProblem(source, k,
                labels.get(k), "unknown label; expected " + HOST + ", " + PORT + " or " + NETWORK)));
        List<String> hosts = hosts(source, labels.getOrDefault(HOST, ""), problems);
        int port = port(source, labels.getOrDefault(PORT, ""), problems);
        if (problems.size() > before || !container.running()) {
            return Optional.empty();
        }
        return address(container, labels.getOrDefault(NETWORK, ""), source, problems)
                .map(a -> new PublishedSite(hosts, a, port, source));
    }

    private static List<String> hosts(String source, String value, List<RouteProblem> problems) {
        List<String> hosts = Arrays.stream(value.split(",")).map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).distinct().toList();
        if (hosts.isEmpty()) {
            problems.add(new RouteProblem(source, HOST, value, "required: the host name(s) to publish, comma-separated"));
        }
        hosts.stream().filter(h -> h.length() > 253 || !h.matches(HOST_NAME)).findFirst().ifPresent(h -> problems.add(
                new RouteProblem(source, HOST, value, "not a host name: '" + h + "' (letters, digits, '-' and dots)")));
        return hosts;
    }

    private static int port(String source, String value, List<RouteProblem> problems) {
        if (value.matches("\\d{1,5}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65535) {
            return Integer.parseInt(value);
        }
        problems.add(new RouteProblem(source, PORT, value, value.isEmpty()
                ? "required: the container's port to forward to" : "must be a port number from 1 to 65535"));
        return -1;
    }

    /** The container's address on the named network, else on the preferred one, else on its first with one. */
    private Optional<String> address(Container container, String network, String source,
            List<RouteProblem> problems) {
        Map<String, Container.Attachment> networks = new TreeMap<>(container.networks());
        if (!network.isEmpty()) {
            Optional<String> a = Optional.ofNullable(networks.get(network)).flatMap(SiteLabels::address);
            if (a.isEmpty()) {
                problems.add(new RouteProblem(source, NETWORK, network, "the container has no IP address on that "
                        + "network; it is on " + (networks.isEmpty() ? "none" : String.join(", ", networks.keySet()))));
            }
            return a;
        }
        Optional<String> a = Optional.ofNullable(networks.get(preferredNetwork)).flatMap(SiteLabels::address)
                .or(() -> networks.values().stream().map(SiteLabels::address).flatMap(Optional::stream).findFirst());
        if (a.isEmpty()) {
            problems.add(new RouteProblem(source, "", "", "the container has no IP address to forward to (network "
                    + "mode " + container.networkMode() + ")"));
        }
        return a;
    }

    /** An attachment's IPv4 address, else its IPv6 address, without a prefix length; only IP literals. */
    private static Optional<String> address(Container.Attachment a) {
        for (String ip : new String[] {a.ipv4(), a.ipv6()}) {
            String bare = ip == null ? "" : ip.replaceFirst("/\\d+$", "").trim();
            if (bare.matches("[0-9a-fA-F.:]+")) {
                try {
                    return Optional.of(InetAddress.getByName(bare).getHostAddress());
                } catch (UnknownHostException e) {
                    // not an address literal after all: try the next
                }
            }
        }
        return Optional.empty();
    }
}
