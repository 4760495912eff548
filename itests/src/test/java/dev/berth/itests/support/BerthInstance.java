package dev.berth.itests.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One Berth, unpacked from the assembly tarball and run with bin/berth as a user would, with nothing but
 * its own installation to boot from: Karaf's Maven resolver has no remote repository and an empty local
 * one, so a missing bundle fails the boot instead of being downloaded.
 */
public final class BerthInstance implements AutoCloseable {

    private final Path home;
    private final Path data;
    private final Path output;
    private final Map<String, String> env = new HashMap<>();
    private Path runtime;
    /** The drivers the ready line names: every driver of the assembly, unless a test says otherwise. */
    private String drivers = "IpamDriver, NetworkDriver, VolumeDriver";
    /** A network namespace to run in, as another node of a cluster; {@code null}: the host's. */
    private String netns;
    private Process process;

    private BerthInstance(Path home, Path data, Path output) {
        this.home = home;
        this.data = data;
        this.output = output;
    }

    /**
     * Unpacks a fresh installation with its own data directory and ports.
     *
     * @param name a name for its directories
     * @return the instance, not started
     * @throws IOException when unpacking fails
     */
    public static BerthInstance create(String name) throws IOException {
        Path work = Path.of(System.getProperty("berth.e2e.work", "target/e2e")).toAbsolutePath();
        Files.createDirectories(work);
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = Files.createTempDirectory(work, name + "-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Commands.run("tar", "-xzf", System.getProperty("berth.assembly"), "-C", root.toString()).ok();
        Path home;
        try (var entries = Files.list(root)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path data = root.resolve("data");
        Files.createDirectories(data);
        BerthInstance b = new BerthInstance(home, data, root.resolve("berth.out"));
        b.env.put("BERTH_DATA_DIR", data.toString());
        b.env.put("BERTH_SSH_PORT", Integer.toString(freePort()));
        b.env.put("BERTH_CERTS_WEBDAV_PORT", Integer.toString(freePort()));
        b.env.put("BERTH_CERTS_ENROLL_PORT", Integer.toString(freePort()));
        b.env.put("BERTH_DNS_PORT", Integer.toString(freePort()));
        b.env.put("BERTH_MASTER_KEY_FILE", data.resolve("master.key").toString());
        // memory-backed, as the database's TLS keys want
        Path runtime = Path.of("/dev/shm", "berth-e2e-" + root.getFileName());
        b.env.put("BERTH_RUNTIME_DIR", runtime.toString());
        b.runtime = runtime;
        b.env.put("BERTH_ENV_FILE", root.resolve("berth.env").toString());
        Files.writeString(root.resolve("berth.env"), "# written by the e2e test\nBERTH_LOG_LEVEL=DEBUG\n");
        return b;
    }

    /**
     * Sets a variable of Berth's environment.
     *
     * @param key the name, for example {@code BERTH_PLUGIN_SOCKET}
     * @param value the value
     * @return this instance
     */
    public BerthInstance env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /**
     * Sets the drivers the ready line must name, when not all of the assembly's can work.
     *
     * @param served the Docker plugin interfaces, sorted and separated by ", "
     * @return this
     */
    public BerthInstance expectDrivers(String served) {
        this.drivers = served;
        return this;
    }

    /**
     * Runs this Berth, and its scripts, in a network namespace: another node of a cluster, with a kernel network
     * stack of its own.
     *
     * @param namespace the namespace, which must exist
     * @return this
     */
    public BerthInstance inNetns(String namespace) {
        this.netns = namespace;
        return this;
    }

    private List<String> command(List<String> command) {
        List<String> out = new java.util.ArrayList<>();
        if (netns != null) {
            out.addAll(List.of("nsenter", "--net=/run/netns/" + netns));
        }
        out.addAll(command);
        return out;
    }

    /**
     * Starts bin/berth and waits for its ready line, which must name every driver expected: dockerd keeps
     * the first Plugin.Activate answer it gets, so a socket that opened before a driver registered would hide that
     * driver from dockerd until dockerd restarts.
     *
     * @return the ready line
     * @throws IOException when it cannot start
     */
    public String start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(List.of(home.resolve("bin/berth").toString())))
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long from = Files.exists(output) ? Files.size(output) : 0;
        process = builder.start();
        try {
            String ready = Deadline.await("Berth in " + home + " to be ready", Duration.ofSeconds(180), () -> {
                String text = Files.readString(output, StandardCharsets.UTF_8).substring((int) from);
                if (!process.isAlive()) {
                    throw new IllegalStateException("Berth exited with " + process.exitValue() + ":\n" + text);
                }
                return text.lines().filter(l -> l.contains("Berth is ready")).findFirst().orElse(null);
            }, line -> line != null);
            if (!ready.strip().endsWith("serves " + drivers)) {
                throw new AssertionError("Berth opened its plugin socket without serving exactly " + drivers + ": "
                        + ready);
            }
            return ready;
        } catch (AssertionError e) {
            process.destroyForcibly(); // never leave a Berth that did not come up behind
            throw e;
        }
    }

    /**
     * Runs one of the installation's scripts (bin/start, bin/status, bin/stop, bin/berth-shell) with this
     * instance's settings.
     *
     * @param script the script name in bin/
     * @param args its arguments
     * @return its result
     */
    public Commands.Result script(String script, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin").resolve(script).toString()));
        command.addAll(List.of(args));
        return Commands.run(command(command), env, 120);
    }

    /**
     * Stops Berth as a service manager would (SIGTERM), waits for it to exit and removes its runtime directory
     * (keys written for PostgreSQL and the console), as a reboot would.
     *
     * @throws InterruptedException when interrupted
     */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError("Berth did not stop within 90 s of SIGTERM; see " + output);
            }
        }
        Commands.run("rm", "-rf", runtime.toString());
    }

    /**
     * Kills Berth outright (SIGKILL), as a crash would; its PostgreSQL keeps running.
     *
     * @throws InterruptedException when interrupted
     */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Returns everything Berth printed to the terminal.
     *
     * @return the output so far
     * @throws IOException when it cannot be read
     */
    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /**
     * Returns the process id of Berth's JVM (bin/berth replaces itself with it).
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Returns a variable of Berth's environment as the test set it.
     *
     * @param key the name
     * @return the value, or {@code null}
     */
    public String setting(String key) {
        return env.get(key);
    }

    /**
     * Returns Berth's data directory.
     *
     * @return the directory
     */
    public Path data() {
        return data;
    }

    /**
     * Connects to this Berth's embedded PostgreSQL as its superuser, to check what Berth stored.
     *
     * @return a connection
     * @throws Exception when the database cannot be reached
     */
    public Connection database() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "berth");
        p.putAll(clientTls());
        return DriverManager.getConnection(databaseUrl(), p);
    }

    /**
     * The JDBC properties of Berth's own database client certificate (written in its runtime directory).
     *
     * @return ssl, sslmode, sslrootcert, sslcert and sslkey
     */
    public Properties clientTls() {
        Path client = runtime.resolve("db-client");
        Properties p = new Properties();
        p.setProperty("ssl", "true");
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", client.resolve("root.crt").toString());
        p.setProperty("sslcert", client.resolve("client.crt").toString());
        p.setProperty("sslkey", client.resolve("client.pk8").toString());
        return p;
    }

    /**
     * Writes Berth's CA certificate, as {@code cert:ca --pem} prints it, to a file of its own, for clients to trust.
     *
     * @return the PEM file
     * @throws IOException when it cannot be written
     */
    public Path caCertificateFile() throws IOException {
        String out = script("berth-shell", "cert:ca --pem").ok();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----").matcher(out);
        if (!m.find()) {
            throw new AssertionError("cert:ca --pem printed no certificate: " + out);
        }
        Path file = Files.createTempDirectory(data.getParent(), "ca-").resolve("ca.pem");
        Files.writeString(file, m.group() + "\n");
        return file;
    }

    /**
     * Returns the runtime (tmpfs) directory.
     *
     * @return the directory
     */
    public Path runtime() {
        return runtime;
    }

    /**
     * Returns the JDBC URL of this Berth's embedded PostgreSQL, for a second Berth to share.
     *
     * @return the URL
     * @throws IOException when the server's files cannot be read
     */
    public String databaseUrl() throws IOException {
        List<String> pid = Files.readAllLines(data.resolve("postgres/cluster/postmaster.pid"));
        return "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/berth";
    }

    /**
     * Returns the embedded PostgreSQL's superuser password.
     *
     * @return the password
     * @throws IOException when it cannot be read
     */
    public String databasePassword() throws IOException {
        return Files.readString(data.resolve("postgres/superuser.password")).trim();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /**
     * A TCP port nothing listens on now, for a setting that names a port.
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
