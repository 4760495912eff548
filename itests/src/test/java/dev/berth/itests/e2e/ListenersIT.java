package dev.berth.itests.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.berth.itests.support.BerthInstance;
import dev.berth.itests.support.Commands;

/**
 * Every TCP port Berth's JVM listens on is TLS with a certificate from Berth's CA, except Karaf's SSH
 * console and the DNS server (DNS over TCP): no plain HTTP anywhere, and only on loopback.
 */
public class ListenersIT {

    private static final Pattern LISTEN = Pattern.compile("^LISTEN\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+.*pid=(\\d+),");
    private static BerthInstance berth;

    @BeforeClass
    public static void start() throws Exception {
        berth = BerthInstance.create("listeners");
        berth.env("BERTH_PLUGIN_SOCKET", berth.data().resolve("plugin.sock").toString()).start();
        // the console makes its host key on first use: use it once so that its listener is in its final state
        berth.script("berth-shell", "cert:ca").ok();
    }

    @AfterClass
    public static void stop() throws Exception {
        berth.stop();
    }

    /** The listening TCP sockets of Berth's JVM: port to address. */
    private static Map<Integer, String> listeners() {
        Map<Integer, String> ports = new TreeMap<>();
        for (String line : Commands.run("ss", "-ltnpH").ok().split("\n")) {
            Matcher m = LISTEN.matcher(line.trim());
            if (m.find() && Long.parseLong(m.group(3)) == berth.pid()) {
                ports.put(Integer.parseInt(m.group(2)), m.group(1));
            }
        }
        return ports;
    }

    @Test
    public void everyListenerIsOnLoopbackAndTlsFromBerthsCaExceptSshAndDns() throws Exception {
        Map<Integer, String> ports = listeners();
        int ssh = Integer.parseInt(berth.setting("BERTH_SSH_PORT"));
        int dns = Integer.parseInt(berth.setting("BERTH_DNS_PORT"));
        assertTrue(ports.toString(), ports.containsKey(ssh));
        assertTrue(ports.toString(), ports.containsKey(Integer.parseInt(berth.setting("BERTH_CERTS_WEBDAV_PORT"))));
        assertTrue(ports.toString(), ports.containsKey(Integer.parseInt(berth.setting("BERTH_CERTS_ENROLL_PORT"))));
        String ca = berth.runtime().resolve("db-client/root.crt").toString();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, String> listener : ports.entrySet()) {
            int port = listener.getKey();
            String address = listener.getValue().replace("[", "").replace("]", "");
            if (!InetAddress.getByName(address.replace("%lo", "")).isLoopbackAddress()) {
                problems.add(port + " listens on " + address + ", not loopback");
            }
            if (port == dns) {
                continue;
            }
            if (port == ssh) {
                if (!sshBanner(port).startsWith("SSH-2.0")) {
                    problems.add(port + " is not the SSH console");
                }
                continue;
            }
            Commands.Result tls = Commands.run(List.of("sh", "-c", "openssl s_client -connect 127.0.0.1:" + port
                    + " -CAfile " + ca + " -verify_return_error -brief </dev/null 2>&1"), 20);
            if (!tls.out().contains("Verification: OK")) {
                problems.add(port + " is not TLS with a certificate from Berth's CA: " + tls.out().strip());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    public void theHttpWhiteboardHasNoNetworkListener() throws Exception {
        // the plugin API answers on its socket...
        String activate = dev.berth.itests.support.UnixHttp.post(berth.data().resolve("plugin.sock"),
                "/Plugin.Activate", "").body();
        assertTrue(activate, activate.contains("IpamDriver"));
        // ...and on no TCP port: none of the JVM's listeners answers plain HTTP
        for (int port : listeners().keySet()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(3000);
                s.getOutputStream().write("POST /Plugin.Activate HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = read(s.getInputStream());
                assertFalse(port + " answered plain HTTP: " + answer, answer.startsWith("HTTP/1."));
            }
        }
    }

    private static String sshBanner(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            return read(s.getInputStream());
        }
    }

    private static String read(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
