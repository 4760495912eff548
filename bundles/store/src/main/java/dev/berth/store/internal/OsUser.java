package dev.berth.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unprivileged account the embedded PostgreSQL runs as. PostgreSQL refuses to run as root, and
 * should not: when Berth runs as root it creates a dedicated system user (no login shell, no home) and
 * starts every PostgreSQL program through {@code setpriv} with that user's ids and no supplementary
 * groups. When Berth itself is not root, PostgreSQL simply runs as Berth's user.
 */
final class OsUser {

    private static final Logger LOG = LoggerFactory.getLogger(OsUser.class);

    private final String name;
    private final int uid;
    private final int gid;
    private final boolean dropPrivileges;

    private OsUser(String name, int uid, int gid, boolean dropPrivileges) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
        this.dropPrivileges = dropPrivileges;
    }

    /**
     * Resolves the account, creating it when Berth runs as root and it does not exist yet.
     *
     * @param name the account name wanted when running as root
     * @return the account
     * @throws IOException when the account cannot be created or looked up
     */
    static OsUser resolve(String name) throws IOException {
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (self != 0) {
            String me = System.getProperty("user.name");
            int myGid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
            return new OsUser(me, self, myGid, false);
        }
        if (!name.matches("[a-z_][a-z0-9_-]{0,30}")) {
            throw new IOException("not a valid user name for the embedded PostgreSQL: '" + name + "'");
        }
        Map<String, String> env = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        if (!exists(name, env)) {
            LOG.info("Creating system user {} for the embedded PostgreSQL", name);
            try {
                ProcessRunner.run(List.of("useradd", "--system", "--user-group", "--no-create-home",
                        "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name), env, 30);
            } catch (IOException e) {
                if (!exists(name, env)) { // another Berth on this host may have created it meanwhile
                    throw new IOException("cannot create system user " + name + ": " + e.getMessage(), e);
                }
            }
        }
        int uid = Integer.parseInt(ProcessRunner.run(List.of("id", "-u", name), env, 10));
        int gid = Integer.parseInt(ProcessRunner.run(List.of("id", "-g", name), env, 10));
        if (uid == 0) {
            throw new IOException("the embedded PostgreSQL user " + name + " must not be root");
        }
        return new OsUser(name, uid, gid, true);
    }

    private static boolean exists(String name, Map<String, String> env) {
        try {
            ProcessRunner.run(List.of("id", "-u", name), env, 10);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Prefixes a command so that it runs as this account.
     *
     * @param command the command
     * @return the command to start
     */
    List<String> wrap(List<String> command) {
        if (!dropPrivileges) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--clear-groups", "--inh-caps=-all", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Gives a file or directory to this account.
     *
     * @param path the path
     * @throws IOException when the owner cannot be changed
     */
    void own(Path path) throws IOException {
        if (!dropPrivileges) {
            return;
        }
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
    }

    /**
     * Returns the account name.
     *
     * @return the name
     */
    String name() {
        return name;
    }

    /**
     * Returns the numeric user id.
     *
     * @return the uid
     */
    int uid() {
        return uid;
    }
}
