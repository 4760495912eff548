import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import dev.berth.squid.icap.IcapServer;
import dev.berth.squid.waf.IncidentLog;
import dev.berth.squid.waf.RuleSet;
import dev.berth.squid.waf.WafAdapter;

/**
 * Requests per second through the real Squid with Berth's ICAP WAF (all built-in rules) against the same Squid with
 * c-icap's echo service, in one run, on loopback. Every request is a cache miss (no-store), so both REQMOD and RESPMOD
 * run for each. Plain ICAP for both, so that the comparison is of the ICAP servers, not of TLS.
 */
public class BenchWaf {

    static final String SQUID = System.getProperty("squid", "/usr/sbin/squid");
    static final String CICAP = System.getProperty("cicap", "/usr/bin/c-icap");

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("seconds", "10"));
        int concurrency = Integer.parseInt(System.getProperty("concurrency", "16"));
        Path dir = Files.createTempDirectory("berth-waf-bench");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        byte[] page = ("<html><body>" + "benchmark payload ".repeat(100) + "</body></html>")
                .getBytes(StandardCharsets.US_ASCII);
        HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        origin.setExecutor(Executors.newFixedThreadPool(8));
        origin.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().add("Cache-Control", "no-store");
            x.getResponseHeaders().add("Content-Type", "text/html");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
            x.close();
        });
        origin.start();
        WafAdapter waf = new WafAdapter(RuleSet.defaults(), false, 1 << 20, new IncidentLog(100), Clock.systemUTC());
        IcapServer berth = IcapServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, "",
                () -> waf, 4096, 400);
        int cicapPort = freePort();
        List<String> lines = new ArrayList<>();
        Process cicap = null;
        try {
            cicap = startCicap(dir, cicapPort);
            double b = run("Berth ICAP WAF", dir, "icap://127.0.0.1:" + berth.port() + "/reqmod",
                    "icap://127.0.0.1:" + berth.port() + "/respmod", origin.getAddress().getPort(), seconds,
                    concurrency, lines);
            double c = run("c-icap echo", dir, "icap://127.0.0.1:" + cicapPort + "/echo",
                    "icap://127.0.0.1:" + cicapPort + "/echo", origin.getAddress().getPort(), seconds, concurrency,
                    lines);
            lines.forEach(System.out::println);
            System.out.printf("ratio Berth/c-icap: %.2f%n", b / c);
        } finally {
            if (cicap != null) {
                cicap.destroy();
                cicap.waitFor(10, TimeUnit.SECONDS);
            }
            berth.close();
            origin.stop(0);
            ((java.util.concurrent.ExecutorService) origin.getExecutor()).shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Process startCicap(Path dir, int port) throws Exception {
        // c-icap drops to nobody before it creates its PID file, control socket and logs
        Path run = dir.resolve("c-icap");
        Files.createDirectories(run);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path conf = dir.resolve("c-icap.conf");
        Files.writeString(conf, String.join("\n",
                "PidFile " + run.resolve("c-icap.pid"), "CommandsSocket " + run.resolve("c-icap.ctl"),
                "Timeout 300", "MaxKeepAliveRequests 0", "KeepAliveTimeout 600", "StartServers 2", "MaxServers 4",
                "MinSpareThreads 10", "MaxSpareThreads 40", "ThreadsPerChild 50", "Port 127.0.0.1:" + port,
                "User nobody", "Group nogroup", "TmpDir " + dir, "MaxMemObject 131072", "DebugLevel 0",
                "Pipelining on", "ModulesDir /usr/lib/x86_64-linux-gnu/c_icap",
                "ServicesDir /usr/lib/x86_64-linux-gnu/c_icap", "TemplateDir /usr/share/c_icap/templates/",
                "LoadMagicFile /etc/c-icap/c-icap.magic", "ServerLog " + run.resolve("server.log"),
                "AccessLog " + run.resolve("access.log"), "Service echo srv_echo.so", ""));
        Process p = new ProcessBuilder(CICAP, "-N", "-f", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("c-icap.out").toFile()).start();
        await(() -> accepts(port), "c-icap on port " + port);
        return p;
    }

    static double run(String name, Path dir, String reqmod, String respmod, int originPort, int seconds,
            int concurrency, List<String> lines) throws Exception {
        Path d = dir.resolve(name.replaceAll("\\W", ""));
        Files.createDirectories(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = freePort();
        Path conf = d.resolve("squid.conf");
        Files.writeString(conf, String.join("\n", "http_port 127.0.0.1:" + port, "visible_hostname bench",
                "pid_filename " + d.resolve("squid.pid"), "cache_log " + d.resolve("cache.log"), "access_log none",
                "cache_store_log none", "cache_mem 8 MB", "shutdown_lifetime 1 seconds", "pinger_enable off",
                "icp_port 0", "htcp_port 0", "acl bench src 127.0.0.1/32", "http_access allow bench",
                "http_access deny all", "icap_enable on", "icap_preview_enable on", "icap_persistent_connections on",
                "icap_service_failure_limit -1", "icap_service req reqmod_precache bypass=off " + reqmod,
                "icap_service resp respmod_precache bypass=off " + respmod, "adaptation_access req allow all",
                "adaptation_access resp allow all", ""));
        Process squid = new ProcessBuilder(SQUID, "-N", "-f", conf.toString()).redirectErrorStream(true)
                .redirectOutput(d.resolve("squid.out").toFile()).start();
        try {
            await(() -> accepts(port), "squid on port " + port);
            load(port, originPort, 2, concurrency); // warm-up: ICAP OPTIONS, connections
            long[] r = load(port, originPort, seconds, concurrency);
            double rps = r[0] / (double) seconds;
            lines.add(String.format("%-16s %8.0f requests/s (%d requests, %d errors, %d s, %d connections)", name, rps,
                    r[0], r[1], seconds, concurrency));
            return rps;
        } finally {
            squid.destroy();
            squid.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Keep-alive GETs from several threads for some seconds; returns {200 responses, other outcomes}. */
    static long[] load(int proxyPort, int originPort, int seconds, int concurrency) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
                        s.setSoTimeout(10_000);
                        OutputStream out = s.getOutputStream();
                        InputStream in = new BufferedInputStream(s.getInputStream());
                        while (System.nanoTime() < end) {
                            out.write(("GET http://127.0.0.1:" + originPort + "/item?t=" + id + "&n=" + n++
                                    + " HTTP/1.1\r\nHost: 127.0.0.1:" + originPort + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            (readResponse(in) == 200 ? ok : errors).incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        return new long[] {ok.get(), errors.get()};
    }

    static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        long length = -1;
        boolean chunked = false;
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            String lower = l.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(l.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long n = Long.parseLong(line(in).split(";")[0].trim(), 16); n > 0;
                    n = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                in.skipNBytes(n);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        return Integer.parseInt(status.split(" ")[1]);
    }

    static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void await(java.util.function.BooleanSupplier c, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
