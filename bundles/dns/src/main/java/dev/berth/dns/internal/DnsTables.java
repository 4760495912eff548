package dev.berth.dns.internal;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.ipam.api.IpPrefix;

/**
 * The SQL of the DNS registry's tables: a node's state read at once, one object written at a time. Every row but a
 * static record's carries the node that published it; a node changes only its own rows.
 */
final class DnsTables {

    /** The tables whose rows belong to the node that published them. */
    private static final List<String> PUBLISHED = List.of("dns_network", "dns_endpoint", "dns_container");

    private DnsTables() {
    }

    /**
     * Claims for a node the rows written before rows had a node (migration V2): the first node that loads them
     * takes them as its own.
     *
     * @param c a connection in a transaction
     * @param node the node
     * @return the number of rows claimed
     * @throws SQLException when the database fails
     */
    static int claim(Connection c, String node) throws SQLException {
        int claimed = 0;
        for (String table : PUBLISHED) {
            claimed += update(c, "UPDATE " + table + " SET node = ? WHERE node = ''", node);
        }
        return claimed;
    }

    /**
     * Reads what a node published and the static records, which every node shares.
     *
     * @param c a connection in a transaction
     * @param node the node
     * @return its state
     * @throws SQLException when the database fails
     */
    static RegistryState load(Connection c, String node) throws SQLException {
        RegistryState state = new RegistryState();
        published(c, "=", node, n -> state);
        state.statics().putAll(statics(c));
        return state;
    }

    /**
     * Reads what the other nodes published.
     *
     * @param c a connection in a transaction
     * @param node this node
     * @return each other node's networks, endpoints and labelled containers, by node
     * @throws SQLException when the database fails
     */
    static Map<String, RegistryState> peers(Connection c, String node) throws SQLException {
        Map<String, RegistryState> nodes = new HashMap<>();
        published(c, "<>", node, n -> nodes.computeIfAbsent(n, k -> new RegistryState()));
        return nodes;
    }

    /**
     * Reads the static records.
     *
     * @param c a connection in a transaction
     * @return the static records by key
     * @throws SQLException when the database fails
     */
    static Map<StateKey.Static, DnsRecord> statics(Connection c) throws SQLException {
        Map<StateKey.Static, DnsRecord> statics = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT name, type, data, ttl FROM dns_static_record ORDER BY name, type, data");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                statics.put(new StateKey.Static(r.getString(1), r.getString(2), r.getString(3)),
                        DnsRecord.of(r.getString(1), r.getString(2), r.getLong(4), r.getString(3)));
            }
        }
        return statics;
    }

    /**
     * Writes one object of a node as it is now, or deletes it: only the node's own row is ever replaced or
     * deleted. Static records are shared and written whoever changes them.
     *
     * @param c a connection in a transaction
     * @param node the node
     * @param key the object
     * @param value its value, or {@code null} when withdrawn
     * @return {@code false} when the object's ID is held by another node's row, so that it was not saved
     * @throws SQLException when the database fails
     */
    static boolean write(Connection c, String node, StateKey key, Object value) throws SQLException {
        if (key instanceof StateKey.Network n) {
            update(c, "DELETE FROM dns_network WHERE network_id = ? AND node = ?", n.id(), node);
            if (value instanceof DnsNetwork net) {
                return update(c, "INSERT INTO dns_network (network_id, node, name, subnets, gateways) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (network_id) DO NOTHING", net.id(), node, net.name(),
                        join(net.subnets().stream().map(IpPrefix::toString).toList()),
                        join(net.gateways().stream().map(IpPrefix::format).toList())) == 1;
            }
        } else if (key instanceof StateKey.Endpoint e) {
            update(c, "DELETE FROM dns_endpoint WHERE endpoint_id = ? AND node = ?", e.id(), node);
            if (value instanceof DnsEndpoint ep) {
                return update(c, "INSERT INTO dns_endpoint (endpoint_id, node, network, container_id, "
                        + "container_name, aliases, addresses) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (endpoint_id) DO NOTHING", ep.endpointId(), node, ep.network(),
                        ep.containerId(), ep.containerName(), join(ep.aliases()),
                        join(ep.addresses().stream().map(IpPrefix::format).toList())) == 1;
            }
        } else if (key instanceof StateKey.Labels l) {
            // the container's labels go with it (ON DELETE CASCADE)
            update(c, "DELETE FROM dns_container WHERE container_id = ? AND node = ?", l.containerId(), node);
            if (value instanceof ContainerLabels labels) {
                if (update(c, "INSERT INTO dns_container (container_id, node, container_name) VALUES (?, ?, ?) "
                        + "ON CONFLICT (container_id) DO NOTHING", labels.containerId(), node,
                        labels.containerName()) == 0) {
                    return false;
                }
                for (Map.Entry<String, String> label : labels.labels().entrySet()) {
                    update(c, "INSERT INTO dns_label (container_id, label, value) VALUES (?, ?, ?)",
                            labels.containerId(), label.getKey(), label.getValue());
                }
            }
        } else if (key instanceof StateKey.Static s) {
            update(c, "DELETE FROM dns_static_record WHERE name = ? AND type = ? AND data = ?", s.name(), s.type(),
                    s.data());
            if (value instanceof DnsRecord r) {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO dns_static_record (name, type, data, ttl) VALUES (?, ?, ?, ?)")) {
                    p.setString(1, s.name());
                    p.setString(2, s.type());
                    p.setString(3, s.data());
                    p.setLong(4, r.ttl());
                    p.executeUpdate();
                }
            }
        }
        return true;
    }

    /** Reads the networks, endpoints and labelled containers of the nodes whose name compares so to a node. */
    private static void published(Connection c, String comparison, String node,
            Function<String, RegistryState> stateOf) throws SQLException {
        try (ResultSet r = query(c, "SELECT node, network_id, name, subnets, gateways FROM dns_network WHERE node "
                + comparison + " ? ORDER BY node, network_id", node)) {
            while (r.next()) {
                stateOf.apply(r.getString(1)).networks().put(r.getString(2), new DnsNetwork(r.getString(2),
                        r.getString(3), words(r.getString(4)).stream().map(IpPrefix::parse).toList(),
                        addresses(r.getString(5))));
            }
        }
        try (ResultSet r = query(c, "SELECT node, endpoint_id, network, container_id, container_name, aliases, "
                + "addresses FROM dns_endpoint WHERE node " + comparison + " ? ORDER BY node, endpoint_id", node)) {
            while (r.next()) {
                stateOf.apply(r.getString(1)).endpoints().put(r.getString(2), new DnsEndpoint(r.getString(2),
                        r.getString(3), r.getString(4), r.getString(5), words(r.getString(6)),
                        addresses(r.getString(7))));
            }
        }
        Map<String, Map<String, String>> labels = new HashMap<>();
        try (ResultSet r = query(c, "SELECT l.container_id, l.label, l.value FROM dns_label l JOIN dns_container d "
                + "ON d.container_id = l.container_id WHERE d.node " + comparison + " ?", node)) {
            while (r.next()) {
                labels.computeIfAbsent(r.getString(1), k -> new HashMap<>()).put(r.getString(2), r.getString(3));
            }
        }
        try (ResultSet r = query(c, "SELECT node, container_id, container_name FROM dns_container WHERE node "
                + comparison + " ? ORDER BY node, container_id", node)) {
            while (r.next()) {
                stateOf.apply(r.getString(1)).labels().put(r.getString(2), new ContainerLabels(r.getString(2),
                        r.getString(3), labels.getOrDefault(r.getString(2), Map.of())));
            }
        }
    }

    private static ResultSet query(Connection c, String sql, String value) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        try {
            p.setString(1, value);
            // closing the result set does not close its statement; closeOnCompletion does
            p.closeOnCompletion();
            return p.executeQuery();
        } catch (SQLException e) {
            p.close();
            throw e;
        }
    }

    private static int update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setString(i + 1, values[i]);
            }
            return p.executeUpdate();
        }
    }

    private static String join(List<String> items) {
        return String.join(" ", items);
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
    }

    private static List<InetAddress> addresses(String text) {
        return words(text).stream().map(IpPrefix::parseAddress).collect(Collectors.toList());
    }
}
