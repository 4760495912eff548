package dev.berth.store.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's private PostgreSQL: one cluster under the data directory, owned by and run as an unprivileged
 * account, listening on 127.0.0.1 only. With TLS (the default) the only way in is a TLS connection with a
 * client certificate from Berth's CA, and the superuser has no password at all; without TLS (tests, or an
 * operator's explicit choice) a random password authenticates and is kept in {@code superuser.password}.
 *
 * <p>Layout under {@code <data.dir>/postgres}: {@code cluster/} (the data directory, mode 0700, owned by
 * the account), {@code run/} (its Unix socket), {@code binaries/} (the unpacked programs),
 * {@code superuser.password} (without TLS only; mode 0600, owned by Berth) and {@code postgres.log}.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    static final String SUPERUSER = "berth";
    static final String DATABASE = "berth";
    /** Used directly: in OSGi, DriverManager cannot see drivers of other bundles. */
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    /** Where the server's TLS files come from, and how Berth then authenticates: by its client certificate. */
    interface Tls {

        /**
         * Writes the server's certificate, key and CA certificate for PostgreSQL's account.
         *
         * @param postgres the account PostgreSQL runs as
         * @return the directory holding server.crt, server.key and root.crt
         * @throws IOException when they cannot be written
         */
        Path server(OsUser postgres) throws IOException;

        /**
         * Returns the JDBC URL parameters of a connection with Berth's client certificate.
         *
         * @return for example {@code ssl=true&sslmode=verify-full&...}
         * @throws IOException when the client's files cannot be written
         */
        String client() throws IOException;
    }

    private final Path home;
    private final Path binaries;
    private final OsUser user;
    private final int port;
    private final String password;
    private final String tlsParameters;
    private final ProcessBuilder builder;
    private final Duration timeout;
    private volatile Process process;
    private volatile boolean closing;
    private volatile int restarts;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-store-postgres-supervisor");
        t.setDaemon(true);
        return t;
    });

    private EmbeddedPostgres(Path home, Path binaries, OsUser user, int port, String password, String tlsParameters,
            ProcessBuilder builder, Duration timeout) {
        this.home = home;
        this.binaries = binaries;
        this.user = user;
        this.port = port;
        this.password = password;
        this.tlsParameters = tlsParameters;
        this.builder = builder;
        this.timeout = timeout;
    }

    /**
     * Initializes the cluster on first use and starts the server.
     *
     * @param dataDir Berth's data directory
     * @param binariesSource where the PostgreSQL programs come from
     * @param osUser the account to run PostgreSQL as when Berth is root
     * @param port the TCP port on 127.0.0.1, or 0 for any free port
     * @param timeout how long start-up may take
     * @param tls the server's TLS and Berth's client certificate, or {@code null} for password authentication
     * @return the running server
     * @throws IOException when the server cannot be set up or does not come up in time
     */
    static EmbeddedPostgres start(Path dataDir, Path binariesSource, String osUser, int port, Duration timeout,
            Tls tls) throws IOException {
        Path home = dataDir.resolve("postgres");
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path binaries = PostgresBinaries.locate(binariesSource, home.resolve("binaries"));
        OsUser user = OsUser.resolve(osUser);
        Path cluster = home.resolve("cluster");
        Path run = home.resolve("run");
        Files.createDirectories(run);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        user.own(run);

        checkReachable(user, binaries, home);
        stopLeftover(user, binaries, cluster);
        Path passwordFile = home.resolve("superuser.password");
        if (!Files.isRegularFile(cluster.resolve("PG_VERSION"))) {
            initialize(user, binaries, cluster);
        }
        String password = tls == null ? ensurePassword(user, binaries, cluster, passwordFile)
                : dropPassword(user, binaries, cluster, passwordFile);
        writeHba(cluster, tls != null, user);

        int chosen = port > 0 ? port : freePort();
        List<String> args = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", cluster.toString(), "-p", Integer.toString(chosen), "-k", run.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_permissions=0700",
                "-c", "password_encryption=scram-sha-256"));
        String tlsParameters = null;
        if (tls != null) {
            Path server = tls.server(user);
            args.addAll(List.of("-c", "ssl=on", "-c", "ssl_cert_file=" + server.resolve("server.crt"),
                    "-c", "ssl_key_file=" + server.resolve("server.key"), "-c", "ssl_ca_file=" + server.resolve("root.crt"),
                    "-c", "ssl_min_protocol_version=TLSv1.3"));
            tlsParameters = tls.client();
        }
        List<String> command = user.wrap(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment());
        LOG.info("Starting embedded PostgreSQL on 127.0.0.1:{} as user {} (data {}, {})", chosen, user.name(), cluster,
                tls == null ? "password authentication" : "TLS with client certificates from Berth's CA");
        EmbeddedPostgres server = new EmbeddedPostgres(home, binaries, user, chosen, password, tlsParameters, builder,
                timeout);
        server.process = builder.start();
        try {
            server.awaitReady(timeout);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.supervise(server.process);
        return server;
    }

    /**
     * Watches the server: when it fails without being asked to stop (killed, crashed: a non-zero status), starts it
     * again on the same port and data, retrying with a growing pause. Meanwhile the store's requests fail with the
     * reason, and its pool connects again once the server is back. A server someone shut down cleanly (status 0,
     * {@code pg_ctl stop}) stays down.
     */
    private void supervise(Process watched) {
        watched.onExit().thenRun(() -> {
            if (!closing && watched.exitValue() == 0) {
                LOG.error("The embedded PostgreSQL (pid {}) was shut down by someone else; Berth's store is unavailable "
                        + "until Berth restarts", watched.pid());
            } else if (!closing) {
                LOG.error("The embedded PostgreSQL (pid {}) exited unexpectedly with status {}; restarting it (see {})",
                        watched.pid(), watched.exitValue(), home.resolve("postgres.log"));
                schedule(Duration.ofMillis(200));
            }
        });
    }

    private void schedule(Duration pause) {
        try {
            supervisor.schedule(() -> restart(pause), pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void restart(Duration pause) {
        if (closing) {
            return;
        }
        try {
            stopLeftover(user, binaries, cluster());
            Process next = builder.start();
            process = next;
            awaitReady(timeout);
            restarts++;
            LOG.warn("The embedded PostgreSQL is running again (pid {}, restart {})", next.pid(), restarts);
            supervise(next);
        } catch (IOException | RuntimeException e) {
            Duration longer = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                    : pause.multipliedBy(2);
            LOG.error("The embedded PostgreSQL did not start again ({}); next attempt in {} ms", e.getMessage(),
                    longer.toMillis());
            Process failed = process;
            if (failed != null && failed.isAlive()) {
                failed.destroy();
            }
            schedule(longer);
        }
    }

    /**
     * Returns how often the server was started again after exiting unexpectedly.
     *
     * @return the count
     */
    int restarts() {
        return restarts;
    }

    /**
     * Returns the server's process ID.
     *
     * @return the PID of the running postmaster (of the wrapper that runs it as its user)
     */
    long pid() {
        return process.pid();
    }

    private static void checkReachable(OsUser user, Path binaries, Path home) throws IOException {
        try {
            ProcessRunner.run(user.wrap(List.of(binaries.resolve("bin/postgres").toString(), "--version")),
                    environment(), 30);
        } catch (IOException e) {
            throw new IOException("the embedded PostgreSQL cannot run as user " + user.name() + " from " + binaries
                    + "; every directory above " + home + " must be searchable by that user (" + e.getMessage()
                    + ")", e);
        }
    }

    private static void initialize(OsUser user, Path binaries, Path cluster) throws IOException {
        LOG.info("Creating the embedded PostgreSQL cluster in {}", cluster);
        PostgresBinaries.deleteTree(cluster);
        Files.createDirectories(cluster);
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
        user.own(cluster);
        // initdb's own pg_hba.conf is never used: Berth writes its own before every start
        ProcessRunner.run(user.wrap(List.of(binaries.resolve("bin/initdb").toString(),
                "-D", cluster.toString(), "-U", SUPERUSER, "--auth=reject",
                "--encoding=UTF8", "--locale=C", "--no-instructions")), environment(), 120);
    }

    /**
     * Without TLS: gives the superuser a random password the first time (in single-user mode, before the server
     * listens) and keeps it in a file only Berth can read.
     */
    private static String ensurePassword(OsUser user, Path binaries, Path cluster, Path passwordFile)
            throws IOException {
        if (Files.isRegularFile(passwordFile)) {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        singleUser(user, binaries, cluster, "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "';");
        Path tmp = passwordFile.resolveSibling(passwordFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, password, StandardCharsets.UTF_8);
        Files.move(tmp, passwordFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LOG.warn("The embedded PostgreSQL runs without TLS: its superuser authenticates with the password in {}",
                passwordFile);
        return password;
    }

    /** With TLS: a password left from a run without TLS is removed from the role and from the disk. */
    private static String dropPassword(OsUser user, Path binaries, Path cluster, Path passwordFile)
            throws IOException {
        if (Files.exists(passwordFile)) {
            singleUser(user, binaries, cluster, "ALTER ROLE " + SUPERUSER + " PASSWORD NULL;");
            Files.delete(passwordFile);
            LOG.info("Removed the embedded PostgreSQL's superuser password: Berth authenticates by certificate");
        }
        return null;
    }

    private static void singleUser(OsUser user, Path binaries, Path cluster, String statement) throws IOException {
        ProcessRunner.run(user.wrap(List.of(binaries.resolve("bin/postgres").toString(), "--single", "-D",
                cluster.toString(), "-c", "log_statement=none", "postgres")), environment(), 60, statement + "\n");
    }

    /** A server left running by a Berth that was killed holds the cluster: stop it before starting anew. */
    private static void stopLeftover(OsUser user, Path binaries, Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> leftover = Files.readAllLines(pidFile).stream().findFirst()
                .filter(s -> s.trim().matches("\\d+")).flatMap(s -> ProcessHandle.of(Long.parseLong(s.trim())))
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (leftover.isPresent()) {
            LOG.warn("Stopping a PostgreSQL (pid {}) left running on {} by an earlier Berth", leftover.get().pid(),
                    cluster);
            ProcessRunner.run(user.wrap(List.of(binaries.resolve("bin/pg_ctl").toString(), "stop", "-D",
                    cluster.toString(), "-m", "fast", "-w", "-t", "60")), environment(), 90);
        }
    }

    /**
     * Rewrites pg_hba.conf at every start: over TCP only TLS with a certificate from Berth's CA, or, without TLS
     * (tests), the password; nothing over the Unix socket.
     */
    private static void writeHba(Path cluster, boolean tls, OsUser user) throws IOException {
        String tcp = tls ? "hostssl all all %s cert\n" : "host all all %s scram-sha-256\n";
        String hba = "# Written by Berth at every start; edits are lost.\n"
                + "local all all reject\n" + String.format(tcp, "127.0.0.1/32") + String.format(tcp, "::1/128");
        Path file = cluster.resolve("pg_hba.conf");
        Files.writeString(file, hba, StandardCharsets.US_ASCII);
        user.own(file);
    }

    private static Map<String, String> environment() {
        return Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C", "LANG", "C");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the embedded PostgreSQL exited with status " + process.exitValue()
                        + " during start-up; see " + home.resolve("postgres.log"));
            }
            try (Connection c = DRIVER.connect(jdbcUrl("postgres"), credentials())) {
                if (tlsParameters != null && !tlsOf(c)) {
                    throw new IOException("the embedded PostgreSQL accepted a connection without TLS");
                }
                createDatabase(c);
                LOG.info("Embedded PostgreSQL is up on 127.0.0.1:{}", port);
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
            }
        }
        throw new IOException("the embedded PostgreSQL did not accept connections within " + timeout.toSeconds()
                + " s; see " + home.resolve("postgres.log"), last);
    }

    private static void createDatabase(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, DATABASE);
            if (s.executeQuery().next()) {
                return;
            }
        }
        try (var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static boolean tlsOf(Connection c) throws SQLException {
        try (var s = c.createStatement(); var r = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            return r.next() && r.getBoolean(1);
        }
    }

    /**
     * Returns the JDBC URL of a database of this server, with the TLS parameters when it has TLS.
     *
     * @param database the database name
     * @return the URL
     */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + (tlsParameters == null ? "" : "?" + tlsParameters);
    }

    /**
     * Tells whether Berth authenticates to this server with its client certificate.
     *
     * @return whether the server runs with TLS
     */
    boolean tls() {
        return tlsParameters != null;
    }

    /**
     * Returns the JDBC URL of Berth's database.
     *
     * @return the URL
     */
    String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /**
     * Returns the superuser's credentials as JDBC properties.
     *
     * @return user and password
     */
    Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        if (tlsParameters == null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /**
     * Returns the account the server runs as.
     *
     * @return the account
     */
    OsUser user() {
        return user;
    }

    /**
     * Returns the cluster's directory.
     *
     * @return the data directory of the server
     */
    Path cluster() {
        return home.resolve("cluster");
    }

    /**
     * Makes the server read its TLS files again (after a renewal rewrote them).
     *
     * @throws SQLException when the server cannot be reached
     */
    void reloadConfiguration() throws SQLException {
        try (Connection c = DRIVER.connect(jdbcUrl("postgres"), credentials());
                var s = c.createStatement(); var r = s.executeQuery("SELECT pg_reload_conf()")) {
            r.next();
        }
    }

    /** Stops the server with a fast shutdown and waits for it to exit. */
    @Override
    public void close() {
        closing = true;
        supervisor.shutdownNow();
        Process process = this.process;
        if (process == null || !process.isAlive()) {
            return;
        }
        List<String> stop = new ArrayList<>(List.of(binaries.resolve("bin/pg_ctl").toString(), "stop",
                "-D", cluster().toString(), "-m", "fast", "-w", "-t", "60"));
        try {
            ProcessRunner.run(user.wrap(stop), environment(), 90);
            process.waitFor(30, TimeUnit.SECONDS);
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("pg_ctl could not stop the embedded PostgreSQL, terminating it: {}", e.getMessage());
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
