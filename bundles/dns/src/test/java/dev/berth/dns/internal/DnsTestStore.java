package dev.berth.dns.internal;

import java.util.List;

import org.junit.rules.ExternalResource;

import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/** A real embedded PostgreSQL with the DNS tables, for a test class: {@code @ClassRule}. */
final class DnsTestStore extends ExternalResource {

    private PostgresStore store;

    PostgresStore store() {
        return store;
    }

    /** Deletes every row, so that a test starts from empty tables. */
    void emptyTables() {
        store.transaction(c -> {
            for (String table : List.of("dns_label", "dns_container", "dns_endpoint", "dns_network",
                    "dns_static_record")) {
                c.createStatement().executeUpdate("DELETE FROM " + table);
            }
            return null;
        });
    }

    @Override
    protected void before() throws Throwable {
        store = TestStores.embedded();
        store.migrate("dns", StoreSync.MIGRATIONS);
    }

    @Override
    protected void after() {
        try {
            TestStores.destroy(store);
        } catch (Exception e) {
            throw new IllegalStateException("cannot remove the test database", e);
        }
    }
}
