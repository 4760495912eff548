package dev.berth.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** Starts real stores for tests, on Berth's embedded PostgreSQL in a temporary data directory. */
public final class TestStores {

    private TestStores() {
    }

    /**
     * Returns the PostgreSQL binaries archive the build downloaded.
     *
     * @return the archive path
     */
    public static synchronized Path binaries() {
        String path = System.getProperty("berth.test.postgres.binaries");
        if (path == null) {
            throw new IllegalStateException("system property berth.test.postgres.binaries is not set");
        }
        try {
            // unpacked once per machine, shared by every test store
            return PostgresBinaries.locate(Path.of(path),
                    Path.of(System.getProperty("java.io.tmpdir"), "berth-test-postgres"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot unpack " + path, e);
        }
    }

    /**
     * Stops a test store and deletes its data directory.
     *
     * @param store the store
     * @throws IOException when the directory cannot be deleted
     */
    public static void destroy(PostgresStore store) throws IOException {
        store.close();
        EmbeddedPostgres server = store.embeddedServer();
        if (server != null) {
            PostgresBinaries.deleteTree(server.cluster().getParent().getParent());
        }
    }

    /**
     * Starts an embedded store in a new temporary data directory.
     *
     * @return the running store; close it when done
     * @throws IOException when PostgreSQL cannot start
     * @throws SQLException when it cannot be reached
     */
    public static PostgresStore embedded() throws IOException, SQLException {
        return embedded(Files.createTempDirectory("berth-store-test"));
    }

    /**
     * Starts an embedded store in the given data directory.
     *
     * @param dataDir the data directory
     * @return the running store; close it when done
     * @throws IOException when PostgreSQL cannot start
     * @throws SQLException when it cannot be reached
     */
    public static PostgresStore embedded(Path dataDir) throws IOException, SQLException {
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return new PostgresStore(new PostgresStore.Settings("", "", "", dataDir, binaries(), "berth-db", 0, 8, 50,
                Duration.ofSeconds(60)));
    }

    /**
     * Connects a second store to the database of a running one, as a second Berth process would.
     *
     * @param first the running embedded store
     * @return a store on the same database through the external-URL path
     * @throws IOException never in practice
     * @throws SQLException when the database cannot be reached
     */
    public static PostgresStore sharing(PostgresStore first) throws IOException, SQLException {
        EmbeddedPostgres server = first.embeddedServer();
        return new PostgresStore(new PostgresStore.Settings(server.jdbcUrl(), EmbeddedPostgres.SUPERUSER,
                server.credentials().getProperty("password"), Path.of("/nonexistent"), Path.of("/nonexistent"),
                "unused", 0, 8, 200, Duration.ofSeconds(30)));
    }
}
