package dev.berth.frr.internal;

import java.net.InetAddress;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.store.api.Migration;
import dev.berth.store.api.Store;

/**
 * Peer discovery through the database the nodes of a cluster share, with or without Docker Swarm: each node writes
 * its peering address and AS into {@code frr_node} at every poll and reads the other nodes of its AS seen recently.
 * A node that stops deletes its row; one that dies drops out once it has not been seen for the freshness window.
 * The database's own clock decides freshness, so the nodes' clocks need not agree. Plain SQL that PostgreSQL and
 * CockroachDB both accept.
 */
final class ClusterNodes {

    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "cluster nodes for BGP peer discovery",
            "CREATE TABLE frr_node (address TEXT PRIMARY KEY, asn BIGINT NOT NULL, seen_at TIMESTAMPTZ NOT NULL)"));

    private final InetAddress self;
    private final long asn;
    private final Duration fresh;

    /**
     * Creates the view of one node.
     *
     * @param self this node's peering address, the one the others open their sessions to
     * @param asn the cluster's AS
     * @param fresh how recently a node must have been seen to be a peer
     */
    ClusterNodes(InetAddress self, long asn, Duration fresh) {
        this.self = self;
        this.asn = asn;
        this.fresh = fresh;
    }

    /**
     * Records that this node is alive and reads the others.
     *
     * @param store the shared database, migrated
     * @return the addresses of the other nodes of the AS seen within the freshness window, sorted
     */
    List<InetAddress> heartbeat(Store store) {
        String me = IpPrefix.format(self);
        return store.transaction(c -> {
            try (PreparedStatement up = c.prepareStatement("INSERT INTO frr_node (address, asn, seen_at) "
                    + "VALUES (?, ?, now()) ON CONFLICT (address) DO UPDATE SET asn = excluded.asn, seen_at = now()")) {
                up.setString(1, me);
                up.setLong(2, asn);
                up.executeUpdate();
            }
            List<InetAddress> others = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT address FROM frr_node WHERE asn = ? AND address <> ? "
                    + "AND seen_at > now() - (? * INTERVAL '1 second') ORDER BY address")) {
                q.setLong(1, asn);
                q.setString(2, me);
                q.setLong(3, fresh.toSeconds());
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        others.add(IpPrefix.parseAddress(r.getString(1)));
                    }
                }
            }
            return others;
        });
    }

    /**
     * Takes this node out of the cluster, so that the others end their sessions with it at their next poll.
     *
     * @param store the shared database
     */
    void leave(Store store) {
        store.transaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM frr_node WHERE address = ?")) {
                d.setString(1, IpPrefix.format(self));
                return d.executeUpdate();
            }
        });
    }
}
