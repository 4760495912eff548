package dev.berth.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.berth.certs.api.CertificateSet;
import dev.berth.certs.api.CertificateSetListener;
import dev.berth.certs.api.CertificateSets;
import dev.berth.store.api.Migration;
import dev.berth.store.api.SqlWork;
import dev.berth.store.api.Store;
import dev.berth.store.api.StoreException;
import dev.berth.store.api.StoreStatus;

/** The store on PostgreSQL, external when a URL is configured, otherwise Berth's own embedded server. */
@Component(service = {Store.class, CertificateSetListener.class}, immediate = true, configurationPid = "dev.berth.store",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfiguration.class)
public final class PostgresStore implements Store, CertificateSetListener {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;
    private final TransactionRunner transactions;
    private final MigrationRunner migrations;
    private final StoreStatus status;
    private final ConnectionTls tls;

    /**
     * Connects to the database, starting the embedded server first when no URL is configured.
     *
     * @param config the store configuration
     * @throws IOException when the embedded server cannot start
     * @throws SQLException when the database cannot be reached
     */
    @Activate
    public PostgresStore(StoreConfiguration config, @Reference CertificateSets certificates)
            throws IOException, SQLException {
        this(Settings.from(config), ConnectionTls.of(config, certificates));
    }

    PostgresStore(Settings settings) throws IOException, SQLException {
        this(settings, ConnectionTls.OFF);
    }

    PostgresStore(Settings settings, ConnectionTls tls) throws IOException, SQLException {
        this.tls = tls;
        PGSimpleDataSource pg = new PGSimpleDataSource();
        String url;
        if (settings.url().isBlank()) {
            embedded = EmbeddedPostgres.start(settings.dataDir(), settings.binaries(), settings.embeddedUser(),
                    settings.embeddedPort(), settings.startupTimeout(), tls.embedded());
            url = embedded.jdbcUrl();
            pg.setUrl(url);
            Properties credentials = embedded.credentials();
            pg.setUser(credentials.getProperty("user"));
            if (credentials.containsKey("password")) {
                pg.setPassword(credentials.getProperty("password"));
            }
        } else {
            embedded = null;
            url = tls.external(settings.url(), settings.user());
            pg.setUrl(url);
            pg.setUser(settings.user());
            if (!settings.password().isEmpty()) {
                pg.setPassword(settings.password());
            }
        }
        pg.setApplicationName("berth");
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(pg);
        hikari.setPoolName("berth-store");
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(false);
        hikari.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        hikari.setInitializationFailTimeout(settings.startupTimeout().toMillis());
        // a lost database must give Docker a clear error soon, not after Docker's own timeout
        hikari.setConnectionTimeout(10_000);
        try {
            dataSource = new HikariDataSource(hikari);
            transactions = new TransactionRunner(dataSource, settings.transactionAttempts());
            migrations = new MigrationRunner(transactions);
            migrations.createHistoryTable();
            status = new StoreStatus(redact(url), serverVersion(), embedded != null,
                    embedded == null ? null : embedded.cluster().toString());
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        LOG.info("Store ready: {} ({}PostgreSQL {})", status.url(), embedded != null ? "embedded " : "",
                status.serverVersion());
    }

    private String serverVersion() {
        return transactions.run(c -> {
            try (var r = c.createStatement().executeQuery("SHOW server_version")) {
                r.next();
                return r.getString(1);
            }
        });
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** Closes the connections and stops the embedded server. */
    @Deactivate
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    /**
     * Writes renewed database certificates where PostgreSQL and the driver read them, and makes both use them.
     *
     * @param set the set that changed
     * @param change what happened
     */
    @Override
    public void certificateSetChanged(CertificateSet set, CertificateSetListener.Change change) {
        if (change != CertificateSetListener.Change.RENEWED) {
            return;
        }
        try {
            if (set.name().equals(DatabaseTls.SERVER_SET) && embedded != null && embedded.tls()) {
                tls.embedded().server(embedded.user());
                embedded.reloadConfiguration();
                LOG.info("The database server's renewed certificate is in use");
            } else if (set.name().equals(DatabaseTls.CLIENT_SET)) {
                tls.refreshClient();
                dataSource.getHikariPoolMXBean().softEvictConnections();
                LOG.info("New database connections use Berth's renewed client certificate");
            }
        } catch (IOException | SQLException e) {
            LOG.error("Could not put the renewed certificate {} in use: {}", set.name(), e.getMessage(), e);
        }
    }

    @Override
    public <T> T transaction(SqlWork<T> work) {
        if (dataSource.isClosed()) {
            throw new StoreException("the store is shut down");
        }
        return transactions.run(work);
    }

    @Override
    public int migrate(String component, List<Migration> list) {
        return migrations.migrate(component, list);
    }

    @Override
    public StoreStatus status() {
        return status;
    }

    /** The settings the store is built from, checked. */
    record Settings(String url, String user, String password, Path dataDir, Path binaries, String embeddedUser,
            int embeddedPort, int poolSize, int transactionAttempts, Duration startupTimeout) {

        static Settings from(StoreConfiguration c) {
            String binaries = c.embedded_binaries().isBlank()
                    ? System.getProperty("karaf.home", ".") + "/postgres" : c.embedded_binaries();
            if (c.pool_size() < 1 || c.transaction_attempts() < 1 || c.startup_timeout() < 1
                    || c.embedded_port() < 0 || c.embedded_port() > 65535) {
                throw new IllegalArgumentException("dev.berth.store: pool.size, transaction.attempts and "
                        + "startup.timeout must be positive and embedded.port within 0..65535");
            }
            if (c.data_dir().isBlank()) {
                throw new IllegalArgumentException("dev.berth.store: data.dir must not be empty");
            }
            return new Settings(c.url().trim(), c.user(), c.password(), Path.of(c.data_dir()).toAbsolutePath(),
                    Path.of(binaries), c.embedded_user(), c.embedded_port(), c.pool_size(),
                    c.transaction_attempts(), Duration.ofSeconds(c.startup_timeout()));
        }
    }

    /** For tests and the status command: the embedded server, or {@code null}. */
    EmbeddedPostgres embeddedServer() {
        return embedded;
    }
}
