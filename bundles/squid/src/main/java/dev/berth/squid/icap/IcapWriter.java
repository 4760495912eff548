package dev.berth.squid.icap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Writes ICAP responses: status line, header fields, encapsulated HTTP head and chunked body. */
public final class IcapWriter {

    private static final Map<Integer, String> REASONS = Map.of(100, "Continue", 200, "OK", 204, "No Content",
            400, "Bad Request", 404, "ICAP Service Not Found", 405, "Method Not Allowed for Service",
            500, "Server Error", 501, "Method Not Implemented");

    private final OutputStream out;
    private final String istag;

    /**
     * @param out the connection's output
     * @param istag the service tag, unquoted
     */
    public IcapWriter(OutputStream out, String istag) {
        this.out = out;
        this.istag = istag;
    }

    /** Answers a preview: send the rest of the body. */
    public void continueBody() throws IOException {
        out.write("ICAP/1.0 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Answers that the message passes unchanged. */
    public void noModification() throws IOException {
        head(204, List.of(), "null-body=0");
        out.flush();
    }

    /**
     * Answers with an error and asks the client to close.
     *
     * @param status the ICAP status
     */
    public void error(int status) throws IOException {
        head(status, List.<String[]>of(new String[] {"Connection", "close"}), "null-body=0");
        out.flush();
    }

    /**
     * Answers OPTIONS.
     *
     * @param fields the fields describing the service (Methods, Preview, ...)
     */
    public void options(List<String[]> fields) throws IOException {
        head(200, fields, "null-body=0");
        out.flush();
    }

    /**
     * Answers with an HTTP response in place of the adapted message.
     *
     * @param reply the response
     */
    public void reply(HttpReply reply) throws IOException {
        byte[] head = reply.head().toBytes();
        head(200, List.of(), "res-hdr=0, res-body=" + head.length);
        out.write(head);
        chunk(reply.body());
        lastChunk();
        out.flush();
    }

    /**
     * Starts echoing the message back unchanged (when 204 is not allowed); body chunks follow.
     *
     * @param name {@code req} or {@code res}
     * @param httpHead the message's head
     * @param hasBody whether chunks follow
     */
    public void echoHead(String name, HttpHead httpHead, boolean hasBody) throws IOException {
        byte[] bytes = httpHead.toBytes();
        head(200, List.of(), name + "-hdr=0, " + (hasBody ? name + "-body=" : "null-body=") + bytes.length);
        out.write(bytes);
        if (!hasBody) {
            out.flush();
        }
    }

    /**
     * Writes a chunk of body data; nothing for an empty array.
     *
     * @param data the bytes
     */
    public void chunk(byte[] data) throws IOException {
        if (data.length > 0) {
            out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write('\r');
            out.write('\n');
        }
    }

    /** Ends a chunked body. */
    public void lastChunk() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void head(int status, List<String[]> fields, String encapsulated) throws IOException {
        StringBuilder b = new StringBuilder("ICAP/1.0 ").append(status).append(' ')
                .append(REASONS.getOrDefault(status, "Error")).append("\r\n");
        b.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        b.append("Server: Berth-WAF\r\n");
        b.append("ISTag: \"").append(istag).append("\"\r\n");
        fields.forEach(f -> b.append(f[0]).append(": ").append(f[1]).append("\r\n"));
        b.append("Encapsulated: ").append(encapsulated).append("\r\n\r\n");
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
