package dev.berth.dns.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import dev.berth.dns.api.RecordOrigin;

/**
 * The records served, by owner name, in memory: queries read it without locks while one writer at a time
 * replaces the records of one source (an endpoint, a container's labels, the static records, ...).
 */
final class RecordIndex {

    /**
     * A record and what made it.
     *
     * @param record the record, owner name in lower case
     * @param origin the kind of source
     * @param source the source's key, for example {@code endpoint/<id>}
     */
    record Entry(Record record, RecordOrigin origin, String source) {
    }

    /**
     * The records of one name: immutable, replaced as a whole on every change. RRsets are kept in two small
     * parallel arrays rather than a map: most names hold one type, and there are as many nodes as names.
     */
    static final class Node {
        private final List<Entry> entries;
        private final int[] types;
        private final List<List<Record>> rrsets;

        Node(List<Entry> entries) {
            this.entries = List.copyOf(entries);
            Map<Integer, Set<Record>> sets = new LinkedHashMap<>();
            for (Entry e : entries) {
                // Record.equals ignores the TTL: two sources giving the same data make one record
                sets.computeIfAbsent(e.record().getType(), t -> new LinkedHashSet<>()).add(e.record());
            }
            this.types = new int[sets.size()];
            List<List<Record>> lists = new ArrayList<>(sets.size());
            int i = 0;
            for (Map.Entry<Integer, Set<Record>> set : sets.entrySet()) {
                types[i++] = set.getKey();
                lists.add(List.copyOf(set.getValue()));
            }
            this.rrsets = List.copyOf(lists);
        }

        /**
         * Returns the RRset of a type.
         *
         * @param type the type
         * @return its records, empty when the name has none
         */
        List<Record> records(int type) {
            for (int i = 0; i < types.length; i++) {
                if (types[i] == type) {
                    return rrsets.get(i);
                }
            }
            return List.of();
        }

        /**
         * Returns every RRset.
         *
         * @return the RRsets, one per type
         */
        List<List<Record>> rrsets() {
            return rrsets;
        }

        List<Entry> entries() {
            return entries;
        }
    }

    private final ConcurrentHashMap<Name, Node> nodes = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Name> names = new ConcurrentSkipListSet<>();
    private final Map<String, List<Entry>> bySource = new HashMap<>();

    /**
     * Replaces every record of a source.
     *
     * @param source the source's key
     * @param entries its records now; empty withdraws the source
     */
    synchronized void replace(String source, List<Entry> entries) {
        List<Entry> old = entries.isEmpty() ? bySource.remove(source) : bySource.put(source, List.copyOf(entries));
        Set<Name> owners = new HashSet<>();
        if (old != null) {
            old.forEach(e -> owners.add(e.record().getName()));
        }
        entries.forEach(e -> owners.add(e.record().getName()));
        for (Name owner : owners) {
            List<Entry> at = new ArrayList<>();
            Node node = nodes.get(owner);
            if (node != null) {
                node.entries().stream().filter(e -> !e.source().equals(source)).forEach(at::add);
            }
            entries.stream().filter(e -> e.record().getName().equals(owner)).forEach(at::add);
            if (at.isEmpty()) {
                nodes.remove(owner);
                names.remove(owner);
            } else {
                // the node before the name: a reader never finds a name without its node
                nodes.put(owner, new Node(at));
                names.add(owner);
            }
        }
    }

    /**
     * Returns the records of a name.
     *
     * @param name the name, in any case
     * @return its node, or {@code null} when the name owns no record
     */
    Node node(Name name) {
        return nodes.get(name);
    }

    /**
     * Tells whether a name exists: it owns records or a name below it does (an empty non-terminal).
     *
     * @param name the name
     * @return whether the name exists
     */
    boolean exists(Name name) {
        if (nodes.containsKey(name)) {
            return true;
        }
        // canonical order puts every name below another right after it
        Name next = names.higher(name);
        return next != null && next.subdomain(name);
    }

    /**
     * Lists the entries at and below a name in canonical order.
     *
     * @param apex the name
     * @return the entries
     */
    List<Entry> entriesUnder(Name apex) {
        List<Entry> result = new ArrayList<>();
        for (Name n : names.tailSet(apex, true)) {
            if (!n.subdomain(apex)) {
                break;
            }
            Node node = nodes.get(n);
            if (node != null) {
                result.addAll(node.entries());
            }
        }
        return result;
    }

    /**
     * Returns the entries of a source.
     *
     * @param source the source's key
     * @return its entries, empty when it has none
     */
    synchronized List<Entry> entriesOf(String source) {
        return bySource.getOrDefault(source, List.of());
    }
}
