package dev.berth.frr.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * FRR's shell against Berth's own daemons: every call names Berth's vty socket directory and configuration
 * directory, so neither /etc/frr nor a host FRR is ever touched.
 */
final class Vtysh {

    private final Path vtysh;
    private final Path reloadScript;
    private final Path dir;
    private final Duration timeout;

    Vtysh(Path vtysh, Path frrDir, Path dir, Duration timeout) {
        this.vtysh = vtysh;
        this.reloadScript = frrDir.resolve("frr-reload.py");
        this.dir = dir;
        this.timeout = timeout;
    }

    /**
     * Checks a configuration without applying it ({@code vtysh -C -f}): vtysh parses every line with the daemons'
     * grammar; no daemon needs to run.
     *
     * @param config the candidate file
     * @return the result; its output names the lines refused
     * @throws IOException when vtysh cannot run
     */
    CommandRunner.Result check(Path config) throws IOException {
        return CommandRunner.run(List.of(vtysh.toString(), "--config_dir", dir.toString(), "-C", "-f",
                config.toString()), timeout);
    }

    /**
     * Runs one command on the running daemons.
     *
     * @param command for example {@code show bgp summary json}
     * @return what vtysh printed
     * @throws IOException when vtysh cannot run or fails
     */
    String show(String command) throws IOException {
        CommandRunner.Result r = CommandRunner.run(List.of(vtysh.toString(), "--vty_socket", dir.toString(),
                "--config_dir", dir.toString(), "-c", command), timeout);
        if (!r.ok()) {
            throw new IOException("vtysh -c '" + command + "' failed (" + r.exitCode() + "): " + r.output());
        }
        return r.output();
    }

    /**
     * Applies a configuration file to the running daemons as a delta: frr-reload.py compares it with the running
     * configuration and sends only the lines that differ, so sessions whose settings did not change stay up.
     *
     * @param config the file, {@code frr.conf} in Berth's directory (frr-reload.py then writes nothing elsewhere)
     * @throws IOException when frr-reload.py is missing or a line is refused
     */
    void apply(Path config) throws IOException {
        if (!java.nio.file.Files.isExecutable(reloadScript)) {
            throw new IOException(reloadScript + " is missing (Debian: apt-get install frr-pythontools)");
        }
        CommandRunner.Result r = CommandRunner.run(List.of(reloadScript.toString(), "--reload", "--stdout",
                "--log-level", "warning", "--vty_socket", dir.toString(), "--confdir", dir.toString(), "--rundir",
                dir.toString(), "--bindir", vtysh.getParent().toString(), config.toString()), timeout);
        if (!r.ok()) {
            throw new IOException("frr-reload.py failed (" + r.exitCode() + "): " + tail(r.output()));
        }
    }

    /**
     * Has every peer send its routes again (ROUTE-REFRESH, {@code clear bgp ... soft in}), so that a changed inbound
     * filter applies to the routes already received too: bgpd keeps no copy of the routes it refused. No session is
     * reset.
     *
     * @throws IOException when vtysh fails
     */
    void refreshInbound() throws IOException {
        show("clear bgp ipv4 unicast * soft in");
        show("clear bgp ipv6 unicast * soft in");
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
    }
}
