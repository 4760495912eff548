package dev.berth.net.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.net.api.EgressMode;
import dev.berth.net.api.PortMapping;

/** The SQL of {@code net_network} and {@code net_endpoint}. */
final class NetworkTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK_COLUMNS = "network_id, bridge, route_table, ipv4_subnet, ipv4_gateway, "
            + "ipv6_subnet, ipv6_gateway, mtu, internal, egress, tags, options, created_at";
    private static final String ENDPOINT_COLUMNS = "network_id, endpoint_id, host_if, mac, ipv4, ipv6, sandbox, ports, "
            + "egress_tags, ingress_tags";

    private NetworkTable() {
    }

    /** The lowest routing table number of the range no network of this host uses. */
    static int freeTable(Connection c, String host, int base, int count) throws SQLException {
        int candidate = base;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT route_table FROM net_network WHERE host = ? ORDER BY route_table")) {
            p.setString(1, host);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    int used = r.getInt(1);
                    if (used == candidate) {
                        candidate++;
                    } else if (used > candidate) {
                        break;
                    }
                }
            }
        }
        if (candidate >= base + count) {
            throw new IllegalStateException("all " + count + " routing tables from " + base + " are in use");
        }
        return candidate;
    }

    static void insert(Connection c, String host, NetworkPlan n) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO net_network (network_id, host, bridge, "
                + "route_table, ipv4_subnet, ipv4_gateway, ipv6_subnet, ipv6_gateway, mtu, internal, egress, tags, "
                + "options) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, n.networkId());
            p.setString(2, host);
            p.setString(3, n.bridge());
            p.setInt(4, n.table());
            p.setString(5, text(n.v4()));
            p.setString(6, text(n.gateway4()));
            p.setString(7, text(n.v6()));
            p.setString(8, text(n.gateway6()));
            p.setInt(9, n.mtu());
            p.setBoolean(10, n.internal());
            p.setString(11, n.egress().name());
            p.setString(12, String.join(",", n.tags()));
            p.setString(13, json(new TreeMap<>(n.options())));
            p.executeUpdate();
        }
    }

    static Optional<NetworkPlan> find(Connection c, String host, String networkId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT " + NETWORK_COLUMNS + " FROM net_network WHERE host = ? AND network_id = ?")) {
            p.setString(1, host);
            p.setString(2, networkId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(network(r)) : Optional.empty();
            }
        }
    }

    static List<NetworkPlan> all(Connection c, String host) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT " + NETWORK_COLUMNS + " FROM net_network WHERE host = ? ORDER BY created_at, network_id")) {
            p.setString(1, host);
            List<NetworkPlan> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(network(r));
                }
            }
            return out;
        }
    }

    /**
     * What the other hosts sharing this store have that a tag can join: their tagged, not internal networks and
     * the endpoints of those.
     *
     * @param c a connection
     * @param host this host
     * @return the other hosts' networks and endpoints
     * @throws SQLException when the store fails
     */
    static ClusterPeers peers(Connection c, String host) throws SQLException {
        List<NetworkPlan> networks = new ArrayList<>();
        Map<String, String> hosts = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + NETWORK_COLUMNS + ", host FROM net_network WHERE "
                + "host <> ? AND tags <> '' AND NOT internal ORDER BY host, network_id")) {
            p.setString(1, host);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    NetworkPlan n = network(r);
                    networks.add(n);
                    hosts.put(n.networkId(), r.getString("host"));
                }
            }
        }
        List<EndpointRow> endpoints = new ArrayList<>();
        String sql = "SELECT e." + ENDPOINT_COLUMNS.replace(", ", ", e.") + " FROM net_endpoint e JOIN net_network n"
                + " ON n.network_id = e.network_id WHERE n.host <> ? AND n.tags <> '' AND NOT n.internal"
                + " ORDER BY e.network_id, e.endpoint_id";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, host);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    endpoints.add(endpoint(r));
                }
            }
        }
        return new ClusterPeers(networks, endpoints, hosts);
    }

    static Map<String, Timestamp> createdAt(Connection c, String host) throws SQLException {
        Map<String, Timestamp> out = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT network_id, created_at FROM net_network WHERE host = ?")) {
            p.setString(1, host);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getTimestamp(2));
                }
            }
        }
        return out;
    }

    static void delete(Connection c, String host, String networkId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM net_network WHERE host = ? AND network_id = ?")) {
            p.setString(1, host);
            p.setString(2, networkId);
            p.executeUpdate();
        }
    }

    static void insert(Connection c, EndpointRow e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO net_endpoint (" + ENDPOINT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, e.networkId());
            p.setString(2, e.endpointId());
            p.setString(3, e.hostInterface());
            p.setString(4, e.mac());
            p.setString(5, text(e.ipv4()));
            p.setString(6, text(e.ipv6()));
            p.setString(7, e.sandbox());
            p.setString(8, json(e.ports()));
            p.setString(9, String.join(",", new java.util.TreeSet<>(e.egress())));
            p.setString(10, String.join(",", new java.util.TreeSet<>(e.ingress())));
            p.executeUpdate();
        }
    }

    static Optional<EndpointRow> endpoint(Connection c, String networkId, String endpointId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + ENDPOINT_COLUMNS
                + " FROM net_endpoint WHERE network_id = ? AND endpoint_id = ?")) {
            p.setString(1, networkId);
            p.setString(2, endpointId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(endpoint(r)) : Optional.empty();
            }
        }
    }

    static List<EndpointRow> endpoints(Connection c, String host, String networkId) throws SQLException {
        String sql = "SELECT e." + ENDPOINT_COLUMNS.replace(", ", ", e.") + " FROM net_endpoint e JOIN net_network n"
                + " ON n.network_id = e.network_id WHERE n.host = ?" + (networkId == null ? "" : " AND e.network_id = ?")
                + " ORDER BY e.created_at, e.endpoint_id";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, host);
            if (networkId != null) {
                p.setString(2, networkId);
            }
            List<EndpointRow> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(endpoint(r));
                }
            }
            return out;
        }
    }

    static void update(Connection c, EndpointRow e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE net_endpoint SET sandbox = ?, ports = ?, egress_tags = ?, "
                + "ingress_tags = ? WHERE network_id = ? AND endpoint_id = ?")) {
            p.setString(1, e.sandbox());
            p.setString(2, json(e.ports()));
            p.setString(3, String.join(",", new java.util.TreeSet<>(e.egress())));
            p.setString(4, String.join(",", new java.util.TreeSet<>(e.ingress())));
            p.setString(5, e.networkId());
            p.setString(6, e.endpointId());
            p.executeUpdate();
        }
    }

    static void delete(Connection c, EndpointRow e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM net_endpoint WHERE network_id = ? AND endpoint_id = ?")) {
            p.setString(1, e.networkId());
            p.setString(2, e.endpointId());
            p.executeUpdate();
        }
    }

    private static NetworkPlan network(ResultSet r) throws SQLException {
        String tags = r.getString("tags");
        return new NetworkPlan(r.getString("network_id"), r.getString("bridge"), r.getInt("route_table"),
                prefix(r.getString("ipv4_subnet")), address(r.getString("ipv4_gateway")),
                prefix(r.getString("ipv6_subnet")), address(r.getString("ipv6_gateway")), r.getInt("mtu"),
                r.getBoolean("internal"), EgressMode.valueOf(r.getString("egress")),
                tags.isEmpty() ? List.of() : List.of(tags.split(",")),
                parse(r.getString("options"), new TypeReference<Map<String, String>>() { }));
    }

    private static EndpointRow endpoint(ResultSet r) throws SQLException {
        return new EndpointRow(r.getString("network_id"), r.getString("endpoint_id"), r.getString("host_if"),
                r.getString("mac"), address(r.getString("ipv4")), address(r.getString("ipv6")),
                r.getString("sandbox"), parse(r.getString("ports"), new TypeReference<List<PortMapping>>() { }),
                tags(r.getString("egress_tags")), tags(r.getString("ingress_tags")));
    }

    private static java.util.Set<String> tags(String text) {
        return text.isEmpty() ? java.util.Set.of() : java.util.Set.of(text.split(","));
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof InetAddress a ? IpPrefix.format(a) : value.toString();
    }

    private static IpPrefix prefix(String text) {
        return text.isEmpty() ? null : IpPrefix.parse(text);
    }

    private static InetAddress address(String text) {
        return text.isEmpty() ? null : IpPrefix.parseAddress(text);
    }

    private static String json(Object value) throws SQLException {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new SQLException("cannot encode " + value, e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(text, type);
        } catch (IOException e) {
            throw new SQLException("cannot decode stored value " + text, e);
        }
    }
}
