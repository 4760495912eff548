package dev.berth.docker.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A Docker Engine API on a Unix socket in the test: canned answers by "METHOD path", request bodies recorded,
 * and an events stream the test feeds line by line (and can cut).
 */
final class FakeDockerApi implements AutoCloseable {

    final Path socket;
    final Map<String, String[]> answers = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final ServerSocketChannel server;
    private volatile SocketChannel eventsChannel;

    FakeDockerApi() throws IOException {
        socket = Files.createTempDirectory("fake-docker").resolve("docker.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(this::accept, "fake-docker");
        t.setDaemon(true);
        t.start();
    }

    void answer(String request, int status, String body) {
        answers.put(request, new String[] {Integer.toString(status), body});
    }

    /** Cuts the events stream, as a dockerd restart would. */
    void cutEvents() throws IOException {
        SocketChannel c = eventsChannel;
        if (c != null) {
            c.close();
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread t = new Thread(() -> serve(c));
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(c);
            String requestLine = in.readLine();
            int length = 0;
            String h;
            while (!(h = in.readLine()).isEmpty()) {
                if (h.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                read += in.read(body, read, length - read);
            }
            String[] parts = requestLine.split(" ");
            String path = parts[1].replace(DockerEngineClient.VERSION, "");
            String key = parts[0] + " " + path;
            requests.add(key + (length > 0 ? " " + new String(body) : ""));
            if (path.startsWith("/events")) {
                eventsChannel = c;
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (c.isOpen()) {
                    String event = events.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (event != null) {
                        byte[] line = (event + "\n").getBytes(StandardCharsets.UTF_8);
                        out.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(line);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
                return;
            }
            String[] answer = answers.getOrDefault(key, new String[] {"404", "{\"message\":\"no such thing: " + key + "\"}"});
            byte[] payload = answer[1].getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 " + answer[0] + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cutEvents();
        Files.deleteIfExists(socket);
    }
}
