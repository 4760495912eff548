package dev.berth.ipam.internal;

import java.sql.Statement;

import org.junit.rules.ExternalResource;

import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/** A real embedded PostgreSQL store for one test class, with a way to empty the IPAM's tables between tests. */
public final class EmbeddedStoreRule extends ExternalResource {

    private PostgresStore store;

    @Override
    protected void before() throws Throwable {
        store = TestStores.embedded();
    }

    @Override
    protected void after() {
        try {
            TestStores.destroy(store);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot delete the test store", e);
        }
    }

    /**
     * Returns the running store.
     *
     * @return the store
     */
    public PostgresStore store() {
        return store;
    }

    /**
     * Empties the IPAM's tables, as on a new database, and builds one node's allocator on them.
     *
     * @param schema the IPAM schema (YAML)
     * @param node the node's name
     * @return the allocator
     * @throws SchemaException when the schema is invalid
     */
    IpamService freshIpam(String schema, String node) throws SchemaException {
        IpamService ipam = new IpamService(store, SchemaParser.parse("test.yaml", schema), node);
        clearIpam();
        return ipam;
    }

    /** Deletes every pool, block, cursor and free-list row. */
    public void clearIpam() {
        store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM ipam_pool");
                s.execute("DELETE FROM ipam_carve_cursor");
                s.execute("DELETE FROM ipam_subnet_free");
                s.execute("DELETE FROM ipam_node_block");
            }
            return null;
        });
    }
}
