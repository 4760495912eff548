package dev.berth.frr.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.frr.api.BgpPeer;
import dev.berth.frr.api.BgpRoute;
import dev.berth.frr.api.BgpStatus;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.NetworkInfo;

/**
 * Keeps FRR announcing the node's networks: takes the subnets of the Berth networks, renders the configuration,
 * has vtysh check it, and only then puts it in place and applies the difference to the running daemons, starting
 * them first when they do not run. A refused configuration is never written over the one in force. Not an OSGi
 * component, so tests build it directly.
 */
final class BgpController {

    private static final Logger LOG = LoggerFactory.getLogger(BgpController.class);

    private final FrrSettings configured;
    private volatile FrrSettings settings;
    private final FrrDaemons daemons;
    private final Vtysh vtysh;
    private volatile FrrConfigRenderer renderer;
    private final Clock clock;
    private final Path config;
    private List<IpPrefix> announced = List.of();
    private RoutingPlan plan = RoutingPlan.UNKNOWN;
    private List<String> problems = List.of();
    private String rendered = "";
    private String configHash = "";
    private Instant lastApplied;
    private volatile String lastError = "";

    BgpController(FrrSettings settings, Clock clock) {
        this.configured = settings;
        this.settings = settings;
        this.daemons = new FrrDaemons(settings, this::died);
        this.vtysh = new Vtysh(settings.vtysh(), settings.frrDir(), settings.workDir(), settings.timeout());
        this.renderer = new FrrConfigRenderer(settings);
        this.clock = clock;
        this.config = settings.workDir().resolve("frr.conf");
    }

    /**
     * Announces the subnets of these networks, and only those: renders, checks and applies; starts FRR when it does
     * not run. Subnets of {@code --internal} networks are not announced; subnets that cannot be announced are
     * reported in the status and left out.
     *
     * @param networks the node's Berth networks
     * @param plan what peers may announce, and this node's blocks, whose subnets are announced as one aggregate
     * @throws IllegalStateException when FRR refuses the configuration or does not start; the one in force stays
     */
    synchronized void announce(List<NetworkInfo> networks, RoutingPlan plan) {
        announce(networks, plan, List.of());
    }

    /**
     * Announces the subnets of these networks to the configured peers and to other nodes found in the store.
     *
     * @param networks the node's Berth networks
     * @param plan what peers may announce, and this node's blocks, whose subnets are announced as one aggregate
     * @param discovered the other nodes' addresses found in the store; configured peers are not repeated
     * @throws IllegalStateException when FRR refuses the configuration or does not start; the one in force stays
     */
    synchronized void announce(List<NetworkInfo> networks, RoutingPlan plan, List<InetAddress> discovered) {
        java.util.LinkedHashSet<InetAddress> peers = new java.util.LinkedHashSet<>(configured.peers());
        peers.addAll(discovered);
        if (!List.copyOf(peers).equals(settings.peers())) {
            settings = configured.withPeers(List.copyOf(peers));
            renderer = new FrrConfigRenderer(settings);
            LOG.info("BGP peers now {}", peers.stream().map(IpPrefix::format).toList());
        }
        TreeSet<IpPrefix> prefixes = new TreeSet<>(java.util.Comparator.comparing(IpPrefix::toString));
        List<String> found = new ArrayList<>();
        if (!plan.known()) {
            found.add("the IPAM's address plan is not known yet: every route from peers is refused");
        }
        for (NetworkInfo n : networks) {
            if (n.internal()) {
                continue;
            }
            for (IpPrefix p : n.subnets()) {
                FrrConfigRenderer.refusal(p).ifPresentOrElse(
                        why -> found.add("network " + n.id() + ": not announced: " + why), () -> prefixes.add(p));
            }
        }
        List<IpPrefix> list = List.copyOf(prefixes);
        String text = renderer.render(list, plan, false);
        problems = found;
        if (settings.enabled()) {
            apply(text);
            if (!list.equals(announced)) {
                LOG.info("FRR announces {}", list);
            }
            if (!plan.equals(this.plan)) {
                LOG.info("FRR accepts from peers {}; aggregates this node's blocks {}", plan.accepted(),
                        plan.blocks());
            }
        }
        rendered = text;
        announced = list;
        this.plan = plan;
    }

    /**
     * Applies a rendered configuration: starts FRR when it does not run, and when the text differs from the one in
     * force, checks it, puts it in place and applies the difference.
     *
     * @param text the configuration
     * @throws IllegalStateException when FRR refuses it or does not start; the one in force stays
     */
    synchronized void apply(String text) {
        try {
            if (!daemons.running()) {
                configHash = "";
                daemons.start();
            }
            String hash = hash(text);
            if (!hash.equals(configHash)) {
                install(text);
                configHash = hash;
                lastApplied = clock.instant();
                LOG.info("FRR configuration {} applied: AS {}, {} peers", hash, settings.asn(),
                        settings.peers().size());
            }
            lastError = "";
        } catch (IOException e) {
            lastError = e.getMessage();
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    /** Checks the candidate, puts it in place and applies it; on failure the previous file is put back. */
    private void install(String text) throws IOException {
        Path candidate = settings.workDir().resolve("frr.conf.new");
        Files.writeString(candidate, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rw-------"));
        CommandRunner.Result check = vtysh.check(candidate);
        if (!check.ok()) {
            Files.deleteIfExists(candidate);
            throw new IllegalStateException("FRR refused the configuration (vtysh -C): " + check.output());
        }
        String previous = Files.exists(config) ? Files.readString(config) : null;
        Files.move(candidate, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            vtysh.apply(config);
        } catch (IOException e) {
            if (previous != null) {
                Files.writeString(config, previous, StandardCharsets.UTF_8);
                try {
                    vtysh.apply(config);
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            configHash = "";
            throw e;
        }
        if (previous != null && !inboundFilter(text).equals(inboundFilter(previous))) {
            vtysh.refreshInbound();
            LOG.info("FRR's inbound filter changed: routes asked from every peer again");
        }
    }

    /** The prefix-list lines of a configuration. */
    private static List<String> inboundFilter(String text) {
        return text.lines().filter(l -> l.startsWith("ip prefix-list ") || l.startsWith("ipv6 prefix-list ")).toList();
    }

    /** Records that a daemon died; the next {@link #announce(List, RoutingPlan)} starts FRR again. */
    void died(String why) {
        lastError = why;
    }

    synchronized BgpStatus status() {
        boolean running = daemons.running();
        return new BgpStatus(settings.enabled(), running, settings.asn(), settings.routerId().map(IpPrefix::format)
                .orElse(""), daemons.pids(), running ? configHash : "", lastApplied, announced, problems, lastError);
    }

    /**
     * The configured peers and their sessions.
     *
     * @return one per configured address; state Unknown when bgpd does not answer
     */
    List<BgpPeer> peers() {
        Map<String, BgpPeer> sessions = Map.of();
        if (settings.enabled() && daemons.running()) {
            try {
                sessions = BgpJson.peers(vtysh.show("show bgp summary json"));
            } catch (IOException | RuntimeException e) {
                LOG.debug("bgpd does not report its sessions: {}", e.toString());
            }
        }
        List<BgpPeer> peers = new ArrayList<>();
        for (InetAddress a : settings.peers()) {
            String address = IpPrefix.format(a);
            peers.add(sessions.getOrDefault(address, new BgpPeer(address, BgpPeer.UNKNOWN, 0, 0, 0, 0, 0)));
        }
        return peers;
    }

    /**
     * The routes in bgpd's table, IPv4 then IPv6.
     *
     * @return the routes, empty when FRR does not run
     * @throws IllegalStateException when bgpd does not answer
     */
    List<BgpRoute> routes() {
        if (!settings.enabled() || !daemons.running()) {
            return List.of();
        }
        try {
            List<BgpRoute> routes = new ArrayList<>(BgpJson.routes(vtysh.show("show bgp ipv4 unicast json")));
            routes.addAll(BgpJson.routes(vtysh.show("show bgp ipv6 unicast json")));
            return routes;
        } catch (IOException e) {
            throw new IllegalStateException("bgpd does not report its routes: " + e.getMessage(), e);
        }
    }

    /** The configuration as operators see it: the password masked. */
    synchronized String config() {
        return renderer.render(announced, plan, true);
    }

    /** The configuration exactly as FRR gets it, for tests. */
    synchronized String renderedConfig() {
        return rendered;
    }

    /**
     * Runs one vtysh command against Berth's daemons.
     *
     * @param command the command
     * @return its output
     * @throws IOException when vtysh fails
     */
    String show(String command) throws IOException {
        return vtysh.show(command);
    }

    /** Stops FRR; zebra withdraws the routes it installed. */
    synchronized void stop() {
        daemons.stop();
        configHash = "";
    }

    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
