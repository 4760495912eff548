package dev.berth.certs.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetSpec;
import dev.berth.certs.api.RevocationReason;
import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;
import dev.berth.testing.Deadline;

/** The CA works without the database and mirrors its records to it once it is there, on a real PostgreSQL. */
public class StoreMirrorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static PostgresStore store;

    @BeforeClass
    public static void startStore() throws Exception {
        store = TestStores.embedded();
    }

    @AfterClass
    public static void stopStore() throws Exception {
        TestStores.destroy(store);
    }

    private static Map<String, String> rows() {
        return store.transaction(c -> {
            Map<String, String> rows = new HashMap<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT to_regclass('certs_certificate') IS NOT NULL")) {
                    r.next();
                    if (!r.getBoolean(1)) {
                        return rows;
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT serial, owner, status FROM certs_certificate")) {
                    while (r.next()) {
                        rows.put(r.getString(1), r.getString(2) + " " + r.getString(3));
                    }
                }
            }
            return rows;
        });
    }

    @Test
    public void issuesWithoutTheDatabaseThenMirrorsEveryRecordWhenItAppears() throws Exception {
        CertificateManager manager = TestCertificateManagers.start(temp.newFolder().toPath(),
                TestCertificateManagers.newKey());
        try {
            CertificateSet before = manager.create(CertificateSetSpec.client("early", "early"));
            assertFalse(manager.info().storeAttached());
            org.osgi.service.component.ComponentServiceObjects<dev.berth.store.api.Store> objects =
                    TestCertificateManagers.objects(store);
            manager.bindStore(objects);
            Deadline.until("the certificate issued before attaching in the store", Duration.ofSeconds(30),
                    () -> rows().containsKey(before.serialHex()));
            assertEquals("early ACTIVE", rows().get(before.serialHex()));
            assertTrue(manager.info().storeAttached());
            // the manager's own server certificate is recorded too
            assertTrue(rows().values().contains(CertsSettings.SERVER_SET + " ACTIVE"));

            CertificateSet attached = manager.create(CertificateSetSpec.client("attached", "attached"));
            Deadline.until("the certificate issued while attached in the store", Duration.ofSeconds(30),
                    () -> rows().containsKey(attached.serialHex()));
            manager.revoke("attached", RevocationReason.KEY_COMPROMISE);
            Deadline.until("the revocation in the store", Duration.ofSeconds(30),
                    () -> "attached REVOKED".equals(rows().get(attached.serialHex())));

            manager.unbindStore(objects);
            CertificateSet detached = manager.create(CertificateSetSpec.client("detached", "detached"));
            assertFalse(rows().containsKey(detached.serialHex()));
            manager.bindStore(objects);
            Deadline.until("the certificate issued while detached in the store", Duration.ofSeconds(30),
                    () -> rows().containsKey(detached.serialHex()));
            assertEquals(List.of(), manager.certificates().stream().filter(r -> !rows().containsKey(r.serialHex()))
                    .toList());
        } finally {
            manager.close();
        }
    }
}
