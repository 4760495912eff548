package dev.berth.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures Berth's network driver against Docker's own bridge driver and against the bare kernel work, in one
 * run on one host (bench/network-startup starts Berth and dockerd for it):
 *
 * <ol>
 * <li>time from {@code docker run} to the container answering a ping from the host, on a Berth network and on
 * a Docker bridge network, interleaved;</li>
 * <li>endpoint create + join + leave + delete per second through the plugin socket, against the same veth
 * work done directly with {@code ip -batch}.</li>
 * </ol>
 */
public final class NetworkBench {

    private static final String IMAGE = "berth-test/busybox:latest";

    private NetworkBench() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args.length > 0 ? args[0] : "/run/docker/plugins/berth.sock");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        System.out.printf(Locale.ROOT, "Berth network benchmark (%d runs each, median)%n%n", runs);
        startup(runs);
        endpointCycles(socket, runs * 10);
    }

    private static void startup(int runs) throws Exception {
        sh("docker network rm bench-berth bench-bridge");
        sh("docker network create -d berth --ipam-driver berth bench-berth");
        sh("docker network create -d bridge --subnet 198.19.210.0/24 bench-bridge");
        double[] berth = new double[runs];
        double[] bridge = new double[runs];
        try {
            for (int i = 0; i < runs; i++) {
                berth[i] = runToPing("bench-berth", "bb" + i);
                bridge[i] = runToPing("bench-bridge", "bd" + i);
            }
        } finally {
            sh("docker rm -f $(docker ps -aq --filter name=^b[bd][0-9]) ; docker network rm bench-berth bench-bridge");
        }
        double b = median(berth);
        double d = median(bridge);
        System.out.printf(Locale.ROOT, "docker run to first ping reply: Berth %.0f ms, Docker bridge %.0f ms, "
                + "ratio %.2f%n", b, d, b / d);
    }

    private static double runToPing(String network, String name) throws Exception {
        long start = System.nanoTime();
        sh("docker run -d --name " + name + " --network " + network + " " + IMAGE + " sleep 600");
        String ip = sh("docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' " + name).trim();
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (exit("busybox ping -c 1 -W 1 " + ip) == 0) {
                double ms = (System.nanoTime() - start) / 1e6;
                sh("docker rm -f " + name);
                return ms;
            }
        }
        throw new IllegalStateException(name + " on " + network + " never answered a ping");
    }

    private static void endpointCycles(Path socket, int cycles) throws Exception {
        String network = "bench0000000000000000000000000000000000000000000000000000000000".replace("bench", "beec0");
        post(socket, "/NetworkDriver.DeleteNetwork", "{\"NetworkID\":\"" + network + "\"}");
        post(socket, "/NetworkDriver.CreateNetwork", "{\"NetworkID\":\"" + network + "\",\"Options\":{},"
                + "\"IPv4Data\":[{\"Pool\":\"198.19.220.0/22\",\"Gateway\":\"198.19.220.1/22\"}]}");
        double berth;
        double raw;
        try {
            long start = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                String ep = String.format("%064x", i + 1);
                String ids = "\"NetworkID\":\"" + network + "\",\"EndpointID\":\"" + ep + "\"";
                String address = "198.19." + (220 + (i + 2) / 256) + "." + ((i + 2) % 256);
                post(socket, "/NetworkDriver.CreateEndpoint", "{" + ids + ",\"Interface\":{\"Address\":\"" + address
                        + "/22\"}}");
                post(socket, "/NetworkDriver.Join", "{" + ids + ",\"SandboxKey\":\"/bench\"}");
                post(socket, "/NetworkDriver.Leave", "{" + ids + "}");
                post(socket, "/NetworkDriver.DeleteEndpoint", "{" + ids + "}");
            }
            berth = cycles / ((System.nanoTime() - start) / 1e9);
            sh("ip link add bench-br type bridge");
            start = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                run(List.of("ip", "-batch", "-"), "link add bench-h mtu 1500 type veth peer name bench-c mtu 1500\n"
                        + "link set bench-c address 02:00:00:00:00:01\nlink set bench-h master bench-br\n"
                        + "link set bench-h up\nlink del bench-h\n");
            }
            raw = cycles / ((System.nanoTime() - start) / 1e9);
        } finally {
            sh("ip link del bench-br");
            post(socket, "/NetworkDriver.DeleteNetwork", "{\"NetworkID\":\"" + network + "\"}");
        }
        System.out.printf(Locale.ROOT, "endpoint create+join+leave+delete: Berth %.1f/s through the plugin socket, "
                + "bare ip -batch veth work %.1f/s, ratio %.2f%n", berth, raw, berth / raw);
    }

    private static String post(Path socket, String path, String body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(channel);
            InputStream in = Channels.newInputStream(channel);
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: berth\r\nContent-Length: " + payload.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            if (response.contains("\"Err\"") && !path.contains("Delete")) {
                throw new IllegalStateException(path + ": " + response);
            }
            return response;
        }
    }

    private static String sh(String command) throws Exception {
        return run(List.of("sh", "-c", command), "");
    }

    private static int exit(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static String run(List<String> command, String input) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
