package dev.berth.net.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.PortMapping;
import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelPlans;

/**
 * The endpoint half of Docker's protocol: an endpoint is a row until Join gives it a veth pair on its
 * network's bridge; Leave removes the pair; published ports and tag roles change only the firewall.
 */
final class Endpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);

    private final HostState state;
    private final HostPorts hostPorts;

    Endpoints(HostState state, HostPorts hostPorts) {
        this.state = state;
        this.hostPorts = hostPorts;
    }

    String createEndpoint(String networkId, String endpointId, InetAddress address4, InetAddress address6,
            String mac) {
        String nid = Names.checkId("NetworkID", networkId);
        String eid = Names.checkId("EndpointID", endpointId);
        NetworkPlan network = state.network(nid);
        InetAddress a4 = address4 == null ? null : addressIn(address4, network.v4(), "IPv4");
        InetAddress a6 = address6 == null ? null : addressIn(address6, network.v6(), "IPv6");
        if (a4 == null && a6 == null) {
            throw new NetworkRequestException("endpoint " + eid.substring(0, 12) + " has no address");
        }
        if (!mac.isEmpty() && !mac.matches("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}")) {
            throw new NetworkRequestException("'" + mac + "' is not a MAC address");
        }
        String chosen = mac.isEmpty() ? Names.mac(eid) : mac.toLowerCase(java.util.Locale.ROOT);
        EndpointRow row = new EndpointRow(nid, eid, Names.hostVeth(eid), chosen, a4, a6, "", List.of(), Set.of(),
                Set.of());
        state.store.transaction(c -> {
            if (NetworkTable.endpoint(c, nid, eid).isPresent()) {
                throw new NetworkRequestException("endpoint " + eid.substring(0, 12) + " already exists");
            }
            NetworkTable.insert(c, row);
            return null;
        });
        return mac.isEmpty() ? chosen : null;
    }

    void deleteEndpoint(String networkId, String endpointId) {
        EndpointRow e = state.endpoint(networkId, endpointId);
        state.lock.lock();
        try {
            state.kernel.ipForce(List.of("link del " + e.hostInterface()));
            state.store.transaction(c -> {
                NetworkTable.delete(c, e);
                return null;
            });
            if (!e.ports().isEmpty()) {
                state.applyFirewall();
            }
        } finally {
            state.lock.unlock();
        }
    }

    JoinResult join(String networkId, String endpointId, String sandbox) {
        EndpointRow e = state.endpoint(networkId, endpointId);
        NetworkPlan n = state.network(e.networkId());
        if (sandbox == null || sandbox.isBlank()) {
            throw new NetworkRequestException("Join needs the SandboxKey of the container");
        }
        String peer = Names.peerVeth(e.endpointId());
        List<KernelOp> plan = List.of(
                KernelOp.ip("link add " + e.hostInterface() + " mtu " + n.mtu() + " type veth peer name " + peer
                        + " mtu " + n.mtu()),
                KernelOp.ip("link set " + peer + " address " + e.mac()),
                KernelOp.ip("link set " + e.hostInterface() + " master " + n.bridge()),
                KernelOp.ip("link set " + e.hostInterface() + " up"));
        state.lock.lock();
        try {
            try {
                KernelPlans.run(state.kernel, plan);
                state.store.transaction(c -> {
                    NetworkTable.update(c, e.withSandbox(sandbox, e.ports()));
                    return null;
                });
            } catch (RuntimeException failure) {
                state.kernel.ipForce(List.of("link del " + e.hostInterface()));
                throw new NetworkRequestException("cannot join endpoint " + e.endpointId().substring(0, 12) + ": "
                        + failure.getMessage(), failure);
            }
        } finally {
            state.lock.unlock();
        }
        return new JoinResult(peer, n.internal() ? null : n.gateway4(), n.internal() ? null : n.gateway6());
    }

    void leave(String networkId, String endpointId) {
        EndpointRow e = state.endpoint(networkId, endpointId);
        state.lock.lock();
        try {
            state.kernel.ipForce(List.of("link del " + e.hostInterface()));
            state.store.transaction(c -> {
                NetworkTable.update(c, e.withSandbox("", List.of()).withRoles(Set.of(), Set.of()));
                return null;
            });
            if (!e.ports().isEmpty() || !e.egress().isEmpty() || !e.ingress().isEmpty()) {
                state.applyFirewall();
            }
        } finally {
            state.lock.unlock();
        }
    }

    List<PortMapping> publish(String networkId, String endpointId, List<PortMapping> requested) {
        EndpointRow e = state.endpoint(networkId, endpointId);
        state.lock.lock();
        try {
            List<PortMapping> taken = new ArrayList<>();
            for (EndpointRow other : state.store.transaction(c -> NetworkTable.endpoints(c, state.host, null))) {
                if (!other.endpointId().equals(e.endpointId())) {
                    taken.addAll(other.ports());
                }
            }
            List<PortMapping> ports = hostPorts.assign(requested, taken);
            EndpointRow updated = e.withPorts(ports);
            state.store.transaction(c -> {
                NetworkTable.update(c, updated);
                return null;
            });
            try {
                state.applyFirewall();
            } catch (RuntimeException failure) {
                state.store.transaction(c -> {
                    NetworkTable.update(c, e);
                    return null;
                });
                state.applyFirewallQuietly(failure);
                throw new NetworkRequestException("cannot publish ports: " + failure.getMessage(), failure);
            }
            LOG.info("Published {} for endpoint {}", ports, e.endpointId().substring(0, 12));
            return ports;
        } finally {
            state.lock.unlock();
        }
    }

    void unpublish(String networkId, String endpointId) {
        EndpointRow e = state.endpoint(networkId, endpointId);
        if (e.ports().isEmpty()) {
            return;
        }
        state.lock.lock();
        try {
            state.store.transaction(c -> {
                NetworkTable.update(c, e.withPorts(List.of()));
                return null;
            });
            state.applyFirewall();
        } finally {
            state.lock.unlock();
        }
    }

    void assignRoles(String networkId, String endpointId, Set<String> egress, Set<String> ingress) {
        EndpointRow e;
        try {
            e = state.endpoint(networkId, endpointId);
        } catch (NetworkRequestException unknown) {
            throw new IllegalArgumentException(unknown.getMessage(), unknown);
        }
        NetworkPlan n = state.network(e.networkId());
        Set<String> eg = new java.util.TreeSet<>(egress);
        Set<String> in = new java.util.TreeSet<>(ingress);
        eg.retainAll(n.tags());
        in.retainAll(n.tags());
        if (eg.equals(e.egress()) && in.equals(e.ingress())) {
            return;
        }
        state.lock.lock();
        try {
            state.store.transaction(c -> {
                NetworkTable.update(c, e.withRoles(eg, in));
                return null;
            });
            state.applyFirewall();
            LOG.info("Endpoint {} on network {}: egress {}, ingress {}", e.endpointId().substring(0, 12),
                    n.networkId().substring(0, 12), eg, in);
        } finally {
            state.lock.unlock();
        }
    }

    Map<String, Object> operInfo(String networkId, String endpointId) {
        EndpointRow e = state.endpoint(networkId, endpointId);
        List<Map<String, Object>> ports = new ArrayList<>();
        for (PortMapping p : e.ports()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("Proto", p.protocol().equals("udp") ? 17 : 6);
            m.put("Port", p.containerPort());
            m.put("HostIP", p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp());
            m.put("HostPort", p.hostPort());
            ports.add(m);
        }
        return Map.of("com.docker.network.portmap", ports, "com.docker.network.endpoint.macaddress", e.mac());
    }

    private static InetAddress addressIn(InetAddress address, IpPrefix subnet, String family) {
        if (subnet == null || !subnet.contains(address)) {
            throw new NetworkRequestException(family + " address " + IpPrefix.format(address)
                    + " is not in the network's subnet " + (subnet == null ? "(none)" : subnet));
        }
        return address;
    }}
