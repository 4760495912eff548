package dev.berth.itests.e2e;

import static dev.berth.itests.support.DockerEngine.docker;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.DockerEngine;

/**
 * With BERTH_DB_URL set, Berth keeps its state in that server (here the host's PostgreSQL, which itests/run
 * starts) and runs no PostgreSQL of its own.
 */
public class ExternalPostgresIT {

    @Test
    public void berthUsesTheConfiguredServerAndStartsNoneOfItsOwn() throws Exception {
        String url = System.getenv("BERTH_TEST_EXTERNAL_DB_URL");
        String user = System.getenv("BERTH_TEST_EXTERNAL_DB_USER");
        String password = System.getenv("BERTH_TEST_EXTERNAL_DB_PASSWORD");
        if (url == null || user == null || password == null) {
            throw new AssertionError("BERTH_TEST_EXTERNAL_DB_URL, _USER and _PASSWORD name the external PostgreSQL; "
                    + "itests/run starts one and sets them");
        }
        DockerEngine.require();
        docker("network", "rm", "berth-e2e-ext");
        try (BerthInstance berth = BerthInstance.create("external-db")) {
            // the host's PostgreSQL of the test set-up has no TLS
            berth.env("BERTH_DB_URL", url).env("BERTH_DB_USER", user).env("BERTH_DB_PASSWORD", password)
                    .env("BERTH_DB_TLS", "off").start();
            assertTrue(berth.output(), berth.output().contains("Store ready: " + url + " (PostgreSQL"));
            assertFalse("no embedded PostgreSQL", Files.exists(berth.data().resolve("postgres")));
            try {
                docker("network", "create", "-d", "bridge", "--ipam-driver", "berth", "--subnet", "198.18.253.0/24",
                        "berth-e2e-ext").ok();
                try (Connection c = DriverManager.getConnection(url, user, password);
                        PreparedStatement p = c.prepareStatement("SELECT count(*) FROM ipam_pool WHERE pool_id = ?")) {
                    p.setString(1, "local/198.18.253.0/24");
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        assertEquals(1, r.getInt(1));
                    }
                }
            } finally {
                docker("network", "rm", "berth-e2e-ext");
            }
        }
    }
}
