package dev.berth.squid.icap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one ICAP connection: requests one after another (persistent connections), each answered 204 when the
 * adapter passes the message, 200 with a block page when it does not, or with the message echoed back when the
 * client does not allow 204. A malformed request is answered with its error status and ends the connection.
 */
final class IcapConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(IcapConnection.class);

    private final Socket socket;
    private final Supplier<IcapAdapter> adapters;
    private final PeerCheck peerCheck;
    private final int preview;

    /** Decides whether a TLS peer may use the service. */
    interface PeerCheck {
        /**
         * @param socket the connection, handshake done
         * @return why the peer is refused, or empty
         */
        Optional<String> refuse(SSLSocket socket);
    }

    IcapConnection(Socket socket, Supplier<IcapAdapter> adapters, PeerCheck peerCheck, int preview) {
        this.socket = socket;
        this.adapters = adapters;
        this.peerCheck = peerCheck;
        this.preview = preview;
    }

    @Override
    public void run() {
        try (Socket s = socket) {
            if (s instanceof SSLSocket tls) {
                tls.startHandshake();
                Optional<String> refused = peerCheck.refuse(tls);
                if (refused.isPresent()) {
                    LOG.warn("ICAP client {} refused: {}", s.getRemoteSocketAddress(), refused.get());
                    return;
                }
            }
            IcapReader reader = new IcapReader(new BufferedInputStream(s.getInputStream(), 65536));
            BufferedOutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536);
            while (true) {
                try {
                    Optional<IcapRequest> request = reader.next();
                    if (request.isEmpty()) {
                        return;
                    }
                    // The adapter in force when the request arrives, not when the connection was idle.
                    IcapAdapter adapter = adapters.get();
                    serve(request.get(), reader, new IcapWriter(out, adapter.istag()), adapter);
                    if (request.get().header("Connection").filter("close"::equalsIgnoreCase).isPresent()) {
                        return;
                    }
                } catch (IcapException e) {
                    LOG.debug("ICAP request from {} refused with {}: {}", s.getRemoteSocketAddress(), e.status(),
                            e.getMessage());
                    new IcapWriter(out, adapters.get().istag()).error(e.status());
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("ICAP connection {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("ICAP connection {} failed: {}", socket.getRemoteSocketAddress(), e.toString(), e);
        }
    }

    private void serve(IcapRequest r, IcapReader reader, IcapWriter writer, IcapAdapter adapter)
            throws IcapException, IOException {
        String expected = switch (r.service()) {
            case "/reqmod" -> "REQMOD";
            case "/respmod" -> "RESPMOD";
            default -> throw new IcapException(404, "no service " + r.service());
        };
        if ("OPTIONS".equals(r.method())) {
            writer.options(List.of(field("Methods", expected), field("Service", "Berth WAF"),
                    field("Max-Connections", "200"), field("Options-TTL", "300"), field("Allow", "204"),
                    field("Preview", Integer.toString(Math.min(preview, adapter.bodyLimit()))),
                    field("Transfer-Preview", "*")));
            return;
        }
        if (!expected.equals(r.method())) {
            throw new IcapException(405, r.method() + " on " + r.service());
        }
        Body body = readBody(r, reader, writer, adapter.bodyLimit());
        String client = r.header("X-Client-IP").orElse("");
        byte[] inspected = body.bytes.length > adapter.bodyLimit() ? Arrays.copyOf(body.bytes, adapter.bodyLimit())
                : body.bytes;
        boolean truncated = !body.ended || body.bytes.length > inspected.length;
        Optional<HttpReply> reply = "REQMOD".equals(r.method())
                ? adapter.request(client, r.requestHead().orElseThrow(), inspected, truncated)
                : adapter.response(client, r.requestHead(), r.responseHead().orElseThrow(), inspected, truncated);
        if (reply.isPresent()) {
            drain(reader, body);
            writer.reply(reply.get());
        } else if (body.may204 || r.allows204()) {
            drain(reader, body);
            writer.noModification();
        } else {
            boolean req = "REQMOD".equals(r.method());
            writer.echoHead(req ? "req" : "res", req ? r.requestHead().get() : r.responseHead().get(), r.hasBody());
            if (r.hasBody()) {
                writer.chunk(body.bytes);
                while (!body.ended) {
                    IcapReader.Chunk c = reader.chunk();
                    writer.chunk(c.data());
                    body.ended = c.last();
                }
                writer.lastChunk();
            }
        }
    }

    /**
     * Reads the body up to the limit: the preview first, when there is one (then 100 Continue unless it held the
     * whole body), then further chunks until the end or the limit.
     */
    private static Body readBody(IcapRequest r, IcapReader reader, IcapWriter writer, int limit)
            throws IcapException, IOException {
        Body body = new Body();
        if (!r.hasBody()) {
            body.ended = true;
            return body;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        if (r.preview().isPresent()) {
            IcapReader.Chunk c;
            do {
                c = reader.chunk();
                buf.writeBytes(c.data());
                if (buf.size() > r.preview().getAsInt()) {
                    throw new IcapException(400, "preview longer than its Preview header says");
                }
            } while (!c.last());
            if (c.ieof()) {
                body.ended = true;
                body.may204 = true;
                body.bytes = buf.toByteArray();
                return body;
            }
            writer.continueBody();
        }
        while (buf.size() < limit) {
            IcapReader.Chunk c = reader.chunk();
            buf.writeBytes(c.data());
            if (c.last()) {
                body.ended = true;
                break;
            }
        }
        body.bytes = buf.toByteArray();
        return body;
    }

    private static void drain(IcapReader reader, Body body) throws IcapException, IOException {
        while (!body.ended) {
            body.ended = reader.chunk().last();
        }
    }

    private static String[] field(String name, String value) {
        return new String[] {name, value};
    }

    /** The body read so far. */
    private static final class Body {
        byte[] bytes = new byte[0];
        boolean ended;
        boolean may204;
    }
}
