package dev.berth.net.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.net.api.PortMapping;
import dev.berth.net.internal.kernel.Kernel;
import dev.berth.store.api.Store;

/**
 * What the driver's operations share: the store and the kernel of this host, the lock that serializes kernel
 * changes of this process, and the firewall, which is always rendered whole from the store.
 */
final class HostState {

    private static final Logger LOG = LoggerFactory.getLogger(HostState.class);

    final Store store;
    final Kernel kernel;
    final String host;
    /** Kernel changes of one process are serialized; the store keeps processes apart. */
    final ReentrantLock lock = new ReentrantLock();

    HostState(Store store, Kernel kernel, String host) {
        this.store = store;
        this.kernel = kernel;
        this.host = host;
    }

    EndpointRow endpoint(String networkId, String endpointId) {
        String nid = Names.checkId("NetworkID", networkId);
        String eid = Names.checkId("EndpointID", endpointId);
        network(nid);
        return store.transaction(c -> NetworkTable.endpoint(c, nid, eid)).orElseThrow(() ->
                new NetworkRequestException("network " + nid.substring(0, 12) + " has no endpoint " + eid));
    }

    NetworkPlan network(String networkId) {
        return store.transaction(c -> NetworkTable.find(c, host, networkId)).orElseThrow(() ->
                new NetworkRequestException("no berth network " + networkId + " on host " + host));
    }

    void applyFirewall() {
        applyFirewall(null);
    }

    /**
     * Renders and applies the whole firewall from one reading of the store.
     *
     * @param known the other hosts' networks as the caller just read them, or {@code null} to read them here
     */
    void applyFirewall(ClusterPeers known) {
        record Reading(List<NetworkPlan> networks, List<EndpointRow> endpoints, ClusterPeers peers) {
        }
        Reading r = store.transaction(c -> new Reading(NetworkTable.all(c, host), NetworkTable.endpoints(c, host, null),
                known != null ? known : NetworkTable.peers(c, host)));
        List<Firewall.Published> published = new ArrayList<>();
        for (EndpointRow e : r.endpoints()) {
            for (PortMapping p : e.ports()) {
                // "" is every address of both families; 0.0.0.0 and :: every address of one
                if (e.ipv4() != null && !p.hostIp().contains(":")) {
                    published.add(new Firewall.Published(p, e.ipv4()));
                }
                if (e.ipv6() != null && (p.hostIp().isEmpty() || p.hostIp().contains(":"))) {
                    published.add(new Firewall.Published(p, e.ipv6()));
                }
            }
        }
        if (r.networks().stream().anyMatch(n -> !n.tags().isEmpty())) {
            enableBridgeFiltering();
        }
        kernel.nft(Firewall.render(r.networks(), published, r.endpoints(), r.peers()));
    }

    /** The other hosts' tagged networks and endpoints, as the shared store has them. */
    ClusterPeers peers() {
        return store.transaction(c -> NetworkTable.peers(c, host));
    }

    void applyFirewallQuietly(RuntimeException cause) {
        try {
            applyFirewall();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Direction between containers of one network is decided on bridged frames, which reach nftables' inet
     * hooks only through br_netfilter.
     */
    private void enableBridgeFiltering() {
        try {
            kernel.sysctl("net.bridge.bridge-nf-call-iptables", "1");
            kernel.sysctl("net.bridge.bridge-nf-call-ip6tables", "1");
        } catch (RuntimeException e) {
            LOG.warn("Tag direction within a network cannot be enforced: bridged traffic does not reach nftables "
                    + "(load br_netfilter): {}", e.getMessage());
        }
    }

    void enableForwarding(NetworkPlan n) {
        if (n.v4() != null) {
            kernel.sysctl("net.ipv4.ip_forward", "1");
        }
        if (n.v6() != null) {
            kernel.sysctl("net.ipv6.conf.all.forwarding", "1");
        }
    }
}
