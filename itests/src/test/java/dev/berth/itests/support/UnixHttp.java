package dev.berth.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A minimal HTTP/1.1 client for the plugin socket (and, to prove refusals, for a TCP port). */
public final class UnixHttp {

    /** A response: status and body. */
    public record Response(int status, String body) {
    }

    private UnixHttp() {
    }

    /**
     * POSTs a body to a path on a Unix socket.
     *
     * @param socket the socket
     * @param path for example {@code /Plugin.Activate}
     * @param body the JSON body
     * @return the response
     * @throws IOException when the socket cannot be used
     */
    public static Response post(Path socket, String path, String body) throws IOException {
        return call(socket, "POST", path, body);
    }

    /**
     * Sends any method to a path on a Unix socket.
     *
     * @param socket the socket
     * @param method the HTTP method
     * @param path the path
     * @param body the body, may be empty
     * @return the response
     * @throws IOException when the socket cannot be used
     */
    public static Response call(Path socket, String method, String path, String body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return exchange(Channels.newInputStream(channel), Channels.newOutputStream(channel), method, path, body,
                    "");
        }
    }

    /**
     * POSTs JSON (with its content type, as the Docker Engine API wants) to a path on a Unix socket.
     *
     * @param socket the socket
     * @param path the path
     * @param json the body
     * @return the response
     * @throws IOException when the socket cannot be used
     */
    public static Response postJson(Path socket, String path, String json) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return exchange(Channels.newInputStream(channel), Channels.newOutputStream(channel), "POST", path,
                    json, "Content-Type: application/json\r\n");
        }
    }

    /**
     * POSTs to a TCP address, as a local user who bypasses the socket would.
     *
     * @param address the address
     * @param path the path
     * @param body the body
     * @return the response
     * @throws IOException when the connection fails
     */
    public static Response postTcp(InetSocketAddress address, String path, String body) throws IOException {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            return exchange(s.getInputStream(), s.getOutputStream(), "POST", path, body, "");
        }
    }

    private static Response exchange(InputStream in, OutputStream out, String method, String path, String body,
            String extraHeaders) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: berth\r\nAccept: application/vnd.docker.plugins.v1.2+json\r\n"
                + extraHeaders + "Content-Length: " + payload.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || split < 0) {
            throw new IOException("not an HTTP response: " + text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String headers = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(split + 4);
        if (headers.contains("transfer-encoding: chunked")) {
            rest = dechunk(rest);
        }
        return new Response(status, rest);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int nl = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, nl).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, nl + 2, nl + 2 + size);
            i = nl + 2 + size + 2;
        }
        return out.toString();
    }
}
