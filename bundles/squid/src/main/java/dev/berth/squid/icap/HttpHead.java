package dev.berth.squid.icap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP message's start line and header fields as ICAP encapsulates them ({@code req-hdr}, {@code res-hdr}),
 * in order, with the size of the block they were read from.
 *
 * @param startLine the request or status line
 * @param fields the header fields, each {name, value}, in order
 * @param size the number of bytes of the block, including the empty line that ends it
 */
public record HttpHead(String startLine, List<String[]> fields, int size) {

    /** Copies the fields. */
    public HttpHead {
        fields = List.copyOf(fields);
    }

    /**
     * Parses a header block that ends with an empty line.
     *
     * @param block the bytes
     * @param what which part it is, for the error message
     * @return the head
     * @throws IcapException 400 when the block is not a well-formed header block
     */
    public static HttpHead parse(byte[] block, String what) throws IcapException {
        String text = new String(block, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r\n\r\n")) {
            throw new IcapException(400, what + " does not end with an empty line");
        }
        String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
        if (lines[0].isBlank() || lines[0].indexOf(' ') < 0) {
            throw new IcapException(400, what + " has no start line");
        }
        List<String[]> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0)) || line.indexOf('\n') >= 0) {
                throw new IcapException(400, what + " has a malformed header line");
            }
            fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
        }
        return new HttpHead(lines[0], fields, block.length);
    }

    /**
     * The first value of a header field.
     *
     * @param name the name, in any case
     * @return the value, or empty
     */
    public Optional<String> header(String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst();
    }

    /**
     * Every value of a header field.
     *
     * @param name the name, in any case
     * @return the values, in order
     */
    public List<String> headers(String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).toList();
    }

    /** @return the request method (first word of a request line), upper case */
    public String method() {
        return startLine.substring(0, startLine.indexOf(' ')).toUpperCase(Locale.ROOT);
    }

    /** @return the request target (second word of a request line) */
    public String target() {
        String[] parts = startLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    /**
     * Serialises the head again, as HTTP/1.1 wants it on the wire.
     *
     * @return the bytes, ending with an empty line
     */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder b = new StringBuilder(startLine).append("\r\n");
        fields.forEach(f -> b.append(f[0]).append(": ").append(f[1]).append("\r\n"));
        b.append("\r\n");
        out.writeBytes(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
