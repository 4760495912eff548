package dev.berth.dns.internal;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;
import dev.berth.ipam.api.IpPrefix;

/** The SQL of the DNS registry's tables: the whole state read at once, one object written at a time. */
final class DnsTables {

    private DnsTables() {
    }

    /**
     * Reads everything published.
     *
     * @param c a connection in a transaction
     * @return the state
     * @throws SQLException when the database fails
     */
    static RegistryState load(Connection c) throws SQLException {
        RegistryState state = new RegistryState();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT network_id, name, subnets, gateways FROM dns_network ORDER BY network_id");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                state.networks().put(r.getString(1), new DnsNetwork(r.getString(1), r.getString(2),
                        words(r.getString(3)).stream().map(IpPrefix::parse).toList(), addresses(r.getString(4))));
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT endpoint_id, network, container_id, container_name, "
                + "aliases, addresses FROM dns_endpoint ORDER BY endpoint_id"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                state.endpoints().put(r.getString(1), new DnsEndpoint(r.getString(1), r.getString(2), r.getString(3),
                        r.getString(4), words(r.getString(5)), addresses(r.getString(6))));
            }
        }
        Map<String, Map<String, String>> labels = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT container_id, label, value FROM dns_label");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                labels.computeIfAbsent(r.getString(1), k -> new HashMap<>()).put(r.getString(2), r.getString(3));
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT container_id, container_name FROM dns_container ORDER BY container_id");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                state.labels().put(r.getString(1), new ContainerLabels(r.getString(1), r.getString(2),
                        labels.getOrDefault(r.getString(1), Map.of())));
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT name, type, data, ttl FROM dns_static_record ORDER BY name, type, data");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                state.statics().put(new StateKey.Static(r.getString(1), r.getString(2), r.getString(3)),
                        DnsRecord.of(r.getString(1), r.getString(2), r.getLong(4), r.getString(3)));
            }
        }
        return state;
    }

    /**
     * Writes one object as it is now, or deletes it.
     *
     * @param c a connection in a transaction
     * @param key the object
     * @param value its value, or {@code null} when withdrawn
     * @throws SQLException when the database fails
     */
    static void write(Connection c, StateKey key, Object value) throws SQLException {
        if (key instanceof StateKey.Network n) {
            update(c, "DELETE FROM dns_network WHERE network_id = ?", n.id());
            if (value instanceof DnsNetwork net) {
                update(c, "INSERT INTO dns_network (network_id, name, subnets, gateways) VALUES (?, ?, ?, ?)",
                        net.id(), net.name(), join(net.subnets().stream().map(IpPrefix::toString).toList()),
                        join(net.gateways().stream().map(IpPrefix::format).toList()));
            }
        } else if (key instanceof StateKey.Endpoint e) {
            update(c, "DELETE FROM dns_endpoint WHERE endpoint_id = ?", e.id());
            if (value instanceof DnsEndpoint ep) {
                update(c, "INSERT INTO dns_endpoint (endpoint_id, network, container_id, container_name, aliases, "
                        + "addresses) VALUES (?, ?, ?, ?, ?, ?)", ep.endpointId(), ep.network(), ep.containerId(),
                        ep.containerName(), join(ep.aliases()),
                        join(ep.addresses().stream().map(IpPrefix::format).toList()));
            }
        } else if (key instanceof StateKey.Labels l) {
            update(c, "DELETE FROM dns_container WHERE container_id = ?", l.containerId());
            if (value instanceof ContainerLabels labels) {
                update(c, "INSERT INTO dns_container (container_id, container_name) VALUES (?, ?)",
                        labels.containerId(), labels.containerName());
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
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setString(i + 1, values[i]);
            }
            p.executeUpdate();
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
