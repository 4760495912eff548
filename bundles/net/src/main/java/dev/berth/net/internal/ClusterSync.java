package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.net.api.PeerNetwork;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelPlans;
import dev.berth.net.internal.kernel.KernelState;

/**
 * Follows the other hosts' tagged networks in the shared store (a node that joins, a container that starts
 * elsewhere with a role for a tag of ours, a route FRR learned a moment ago) and keeps this host's routes to them
 * and its firewall pairs with them up to date.
 */
final class ClusterSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSync.class);

    private final HostState state;
    private final boolean vrf;
    private volatile ClusterPeers applied = ClusterPeers.NONE;
    private volatile String problem;
    private ScheduledExecutorService poller;

    /**
     * @param state the host's store, kernel and lock
     * @param vrf whether routing domains are VRFs
     */
    ClusterSync(HostState state, boolean vrf) {
        this.state = state;
        this.vrf = vrf;
    }

    /**
     * Looks again every so often; a failure is logged once until it changes.
     *
     * @param seconds the pause between two looks; 0 or less: never
     */
    void poll(int seconds) {
        if (seconds <= 0) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-net-cluster");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                sync(false);
                problem = null;
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).equals(problem)) {
                    LOG.warn("Cannot follow the other hosts' tagged networks: {}", e.getMessage());
                }
                problem = String.valueOf(e.getMessage());
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    /**
     * Brings the routes to the other hosts' networks and the firewall's pairs across hosts up to date.
     *
     * @param always whether to look at the kernel even when no other host has a tagged network
     * @return what was changed, for reports
     */
    List<String> sync(boolean always) {
        ClusterPeers peers = state.peers();
        if (!always && peers.equals(applied) && peers.networks().isEmpty()) {
            return List.of();
        }
        List<String> changed = new ArrayList<>();
        state.lock.lock();
        try {
            List<NetworkPlan> networks = state.store.transaction(c -> NetworkTable.all(c, state.host));
            List<KernelOp> ops = ClusterRoutes.plan(networks, peers, state.kernel.observe(), vrf);
            KernelPlans.run(state.kernel, ops);
            ops.forEach(op -> changed.add("cluster " + ((KernelOp.Ip) op).line()));
            if (!peers.equals(applied)) {
                state.applyFirewall(peers);
                if (!peers.networks().isEmpty() || !applied.networks().isEmpty()) {
                    LOG.info("Other hosts' tagged networks: {} networks, {} endpoints; {} route changes",
                            peers.networks().size(), peers.endpoints().size(), ops.size());
                }
                applied = peers;
            }
        } finally {
            state.lock.unlock();
        }
        return changed;
    }

    /**
     * The other hosts' networks sharing a tag with a network of this host, with this host's routes to them.
     *
     * @return the networks; empty on a host alone
     */
    List<PeerNetwork> peers() {
        ClusterPeers peers = state.peers();
        if (peers.networks().isEmpty()) {
            return List.of();
        }
        List<NetworkPlan> local = state.store.transaction(c -> NetworkTable.all(c, state.host));
        KernelState kernel = state.kernel.observe();
        List<PeerNetwork> out = new ArrayList<>();
        for (NetworkPlan remote : peers.networks()) {
            List<String> shared = remote.tags().stream().filter(t -> local.stream().anyMatch(n -> !n.internal()
                    && n.tags().contains(t))).toList();
            if (shared.isEmpty()) {
                continue;
            }
            List<String> with = local.stream().filter(n -> !n.internal() && n.tags().stream()
                    .anyMatch(shared::contains)).map(NetworkPlan::networkId).toList();
            List<EndpointRow> members = peers.endpoints().stream().filter(e -> e.networkId()
                    .equals(remote.networkId())).toList();
            int egress = (int) members.stream().filter(e -> e.egress().stream().anyMatch(shared::contains)).count();
            int ingress = (int) members.stream().filter(e -> e.ingress().stream().anyMatch(shared::contains)).count();
            List<String> routes = remote.subnets().stream().map(p -> p + ClusterRoutes.way(kernel, p)
                    .map(r -> (r.gateway().isEmpty() ? "" : " via " + r.gateway()) + " dev " + r.device()
                            + (r.destination().equals(p.toString()) ? "" : " (" + r.destination() + ")"))
                    .orElse(" no route")).toList();
            out.add(new PeerNetwork(peers.hostOf(remote.networkId()), remote.networkId(), remote.subnets(), shared,
                    with, egress, ingress, routes));
        }
        return out;
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
