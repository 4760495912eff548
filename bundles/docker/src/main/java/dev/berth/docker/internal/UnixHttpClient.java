package dev.berth.docker.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * HTTP/1.1 over a Unix socket, as the Docker Engine API speaks it: one connection per request, bodies sized by
 * Content-Length or chunked.
 */
final class UnixHttpClient {

    /** A response. */
    record Response(int status, String body) {
    }

    private final Path socket;

    UnixHttpClient(Path socket) {
        this.socket = socket;
    }

    Response request(String method, String path, String json) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            send(Channels.newOutputStream(channel), method, path, json);
            Head head = readHead(in);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (head.chunked) {
                readChunks(in, chunk -> body.writeBytes(chunk));
            } else if (head.length >= 0) {
                body.writeBytes(in.readNBytes(head.length));
            } else {
                in.transferTo(body);
            }
            return new Response(head.status, body.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Opens a streaming GET and hands every line of the body to a consumer until the stream ends.
     *
     * @param path the path
     * @param lines receives each line
     * @param opened told the channel, so that another thread can close it
     * @throws IOException when the stream fails
     */
    void stream(String path, Consumer<String> lines, Consumer<SocketChannel> opened) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            opened.accept(channel);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            send(Channels.newOutputStream(channel), "GET", path, null);
            Head head = readHead(in);
            if (head.status != 200) {
                throw new IOException("GET " + path + " answered " + head.status);
            }
            StringBuilder pending = new StringBuilder();
            Consumer<byte[]> split = chunk -> {
                pending.append(new String(chunk, StandardCharsets.UTF_8));
                int nl;
                while ((nl = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, nl).trim();
                    pending.delete(0, nl + 1);
                    if (!line.isEmpty()) {
                        lines.accept(line);
                    }
                }
            };
            if (head.chunked) {
                readChunks(in, split);
            } else {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    split.accept(java.util.Arrays.copyOf(buffer, n));
                }
            }
        }
    }

    private static void send(OutputStream out, String method, String path, String json) throws IOException {
        byte[] payload = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: docker\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
    }

    private record Head(int status, int length, boolean chunked) {
    }

    private static Head readHead(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        String header;
        while (!(header = line(in)).isEmpty()) {
            String h = header.toLowerCase(Locale.ROOT);
            if (h.startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            }
        }
        return new Head(code, code == 204 || code == 304 ? 0 : length, chunked);
    }

    private static void readChunks(InputStream in, Consumer<byte[]> chunks) throws IOException {
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                line(in);
                return;
            }
            chunks.accept(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("the Docker engine closed the connection");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
