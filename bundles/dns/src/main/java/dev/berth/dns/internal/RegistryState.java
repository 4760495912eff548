package dev.berth.dns.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.berth.dns.api.ContainerLabels;
import dev.berth.dns.api.DnsEndpoint;
import dev.berth.dns.api.DnsNetwork;
import dev.berth.dns.api.DnsRecord;

/**
 * Everything published, as saved in the store: the registry's records are derived from it.
 *
 * @param networks networks by ID
 * @param endpoints endpoints by ID
 * @param labels containers' DNS labels by container ID
 * @param statics static records by key
 */
record RegistryState(Map<String, DnsNetwork> networks, Map<String, DnsEndpoint> endpoints,
        Map<String, ContainerLabels> labels, Map<StateKey.Static, DnsRecord> statics) {

    /** An empty state, to fill. */
    RegistryState() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /**
     * Returns the value of a key.
     *
     * @param key the key
     * @return the network, endpoint, labels or static record, or {@code null} when withdrawn
     */
    Object get(StateKey key) {
        if (key instanceof StateKey.Network n) {
            return networks.get(n.id());
        } else if (key instanceof StateKey.Endpoint e) {
            return endpoints.get(e.id());
        } else if (key instanceof StateKey.Labels l) {
            return labels.get(l.containerId());
        }
        return statics.get((StateKey.Static) key);
    }

    /**
     * Sets the value of a key.
     *
     * @param key the key
     * @param value the value of the key's kind, or {@code null} to remove it
     */
    void put(StateKey key, Object value) {
        if (key instanceof StateKey.Network n) {
            set(networks, n.id(), (DnsNetwork) value);
        } else if (key instanceof StateKey.Endpoint e) {
            set(endpoints, e.id(), (DnsEndpoint) value);
        } else if (key instanceof StateKey.Labels l) {
            set(labels, l.containerId(), (ContainerLabels) value);
        } else {
            set(statics, (StateKey.Static) key, (DnsRecord) value);
        }
    }

    /**
     * Lists every key.
     *
     * @return the keys of every object
     */
    Set<StateKey> keys() {
        Set<StateKey> keys = new HashSet<>();
        networks.keySet().forEach(id -> keys.add(new StateKey.Network(id)));
        endpoints.keySet().forEach(id -> keys.add(new StateKey.Endpoint(id)));
        labels.keySet().forEach(id -> keys.add(new StateKey.Labels(id)));
        keys.addAll(statics.keySet());
        return keys;
    }

    private static <K, V> void set(Map<K, V> map, K key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
}
