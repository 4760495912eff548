package dev.berth.squid.icap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads ICAP requests (RFC 3507) from a stream, strictly: a request line {@code METHOD icap://... ICAP/1.0}, header
 * fields, the encapsulated HTTP heads at the offsets the {@code Encapsulated} field gives, then chunked body data.
 * Anything else is an {@link IcapException}, after which the stream is not read any further. Sizes are bounded.
 */
public final class IcapReader {

    static final int MAX_LINE = 8192;
    static final int MAX_FIELDS = 100;
    static final int MAX_HEADS = 65536;
    static final int MAX_CHUNK = 4 * 1024 * 1024;
    private static final Set<String> METHODS = Set.of("OPTIONS", "REQMOD", "RESPMOD");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern ENCAPSULATED = Pattern.compile("(req-hdr|res-hdr|req-body|res-body|null-body|"
            + "opt-body)=(\\d{1,6})");

    private final InputStream in;

    /** @param in the connection's input, buffered */
    public IcapReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next request's head and encapsulated heads.
     *
     * @return the request, or empty when the peer closed the connection between requests
     * @throws IcapException when the request is malformed (400) or its method unknown (501)
     * @throws IOException when the connection fails
     */
    public Optional<IcapRequest> next() throws IcapException, IOException {
        String line = readLine(true);
        if (line == null) {
            return Optional.empty();
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches() || !parts[1].matches("icaps?://[^\\s]+")) {
            throw new IcapException(400, "malformed request line");
        }
        if (!"ICAP/1.0".equals(parts[2])) {
            throw new IcapException(400, "unsupported version " + parts[2]);
        }
        if (!METHODS.contains(parts[0])) {
            throw new IcapException(501, "method not implemented: " + parts[0]);
        }
        List<String[]> fields = readFields();
        String method = parts[0];
        if (fields.stream().noneMatch(f -> f[0].equalsIgnoreCase("Host"))) {
            throw new IcapException(400, "no Host header");
        }
        OptionalInt preview = OptionalInt.empty();
        Optional<String> p = value(fields, "Preview");
        if (p.isPresent()) {
            if (!p.get().matches("\\d{1,9}")) {
                throw new IcapException(400, "malformed Preview");
            }
            preview = OptionalInt.of(Integer.parseInt(p.get()));
        }
        Optional<String> encapsulated = value(fields, "Encapsulated");
        if (encapsulated.isEmpty()) {
            if ("OPTIONS".equals(method)) {
                return Optional.of(new IcapRequest(method, parts[1], fields, Optional.empty(), Optional.empty(),
                        false, preview));
            }
            throw new IcapException(400, "no Encapsulated header");
        }
        return Optional.of(encapsulated(method, parts[1], fields, encapsulated.get(), preview));
    }

    private IcapRequest encapsulated(String method, String uri, List<String[]> fields, String value,
            OptionalInt preview) throws IcapException, IOException {
        Map<String, Integer> parts = new LinkedHashMap<>();
        for (String entry : value.split("\\s*,\\s*")) {
            var m = ENCAPSULATED.matcher(entry.trim());
            if (!m.matches() || parts.put(m.group(1), Integer.parseInt(m.group(2))) != null) {
                throw new IcapException(400, "malformed Encapsulated header");
            }
        }
        List<String> names = new ArrayList<>(parts.keySet());
        List<Integer> offsets = new ArrayList<>(parts.values());
        String last = names.get(names.size() - 1);
        long bodies = names.stream().filter(n -> n.endsWith("-body")).count();
        Set<String> allowed = switch (method) {
            case "REQMOD" -> Set.of("req-hdr", "req-body", "null-body");
            case "RESPMOD" -> Set.of("req-hdr", "res-hdr", "res-body", "null-body");
            default -> Set.of("opt-body", "null-body");
        };
        if (bodies != 1 || !last.endsWith("-body") || offsets.get(0) != 0 || !allowed.containsAll(names)
                || "OPTIONS".equals(method) && "opt-body".equals(last)) {
            throw new IcapException(400, "Encapsulated header does not fit " + method + ": " + value);
        }
        for (int i = 1; i < offsets.size(); i++) {
            if (offsets.get(i) <= offsets.get(i - 1)) {
                throw new IcapException(400, "Encapsulated offsets are not increasing");
            }
        }
        int total = offsets.get(offsets.size() - 1);
        if (total > MAX_HEADS) {
            throw new IcapException(400, "encapsulated headers larger than " + MAX_HEADS + " bytes");
        }
        byte[] heads = in.readNBytes(total);
        if (heads.length < total) {
            throw new IcapException(400, "connection closed inside the encapsulated headers");
        }
        Optional<HttpHead> req = Optional.empty();
        Optional<HttpHead> res = Optional.empty();
        for (int i = 0; i < names.size() - 1; i++) {
            HttpHead head = HttpHead.parse(Arrays.copyOfRange(heads, offsets.get(i), offsets.get(i + 1)), names.get(i));
            if ("req-hdr".equals(names.get(i))) {
                req = Optional.of(head);
            } else {
                res = Optional.of(head);
            }
        }
        if ("REQMOD".equals(method) && req.isEmpty() || "RESPMOD".equals(method) && res.isEmpty()) {
            throw new IcapException(400, method + " without the HTTP message's header");
        }
        return new IcapRequest(method, uri, fields, req, res, !"null-body".equals(last), preview);
    }

    /**
     * Reads one chunk of the encapsulated body.
     *
     * @return the chunk; a last chunk has no data and says whether it carried {@code ieof}
     * @throws IcapException when the chunk is malformed or too large
     * @throws IOException when the connection fails
     */
    public Chunk chunk() throws IcapException, IOException {
        String line = readLine(false);
        int semi = line.indexOf(';');
        String size = (semi < 0 ? line : line.substring(0, semi)).trim();
        String extension = semi < 0 ? "" : line.substring(semi + 1).trim();
        if (!size.matches("[0-9a-fA-F]{1,8}")) {
            throw new IcapException(400, "malformed chunk size");
        }
        long n = Long.parseLong(size, 16);
        if (n > MAX_CHUNK) {
            throw new IcapException(400, "chunk larger than " + MAX_CHUNK + " bytes");
        }
        if (n == 0) {
            while (!readLine(false).isEmpty()) {
                // trailer fields carry nothing the service uses
            }
            return new Chunk(new byte[0], true, "ieof".equals(extension));
        }
        byte[] data = in.readNBytes((int) n);
        if (data.length < n || !readLine(false).isEmpty()) {
            throw new IcapException(400, "chunk data does not end where its size says");
        }
        return new Chunk(data, false, false);
    }

    /**
     * A chunk of body data.
     *
     * @param data the bytes
     * @param last whether this is the zero-size chunk that ends the body (or the preview)
     * @param ieof whether the last chunk says the preview holds the whole body
     */
    public record Chunk(byte[] data, boolean last, boolean ieof) {
    }

    private List<String[]> readFields() throws IcapException, IOException {
        List<String[]> fields = new ArrayList<>();
        while (true) {
            String line = readLine(false);
            if (line.isEmpty()) {
                return fields;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0)) || !TOKEN.matcher(line.substring(0, colon))
                    .matches()) {
                throw new IcapException(400, "malformed header line");
            }
            if (fields.size() == MAX_FIELDS) {
                throw new IcapException(400, "more than " + MAX_FIELDS + " header fields");
            }
            fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
        }
    }

    private static Optional<String> value(List<String[]> fields, String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst();
    }

    /** Reads a CRLF-terminated line; {@code null} only when {@code atStart} and the stream ends before any byte. */
    private String readLine(boolean atStart) throws IcapException, IOException {
        byte[] buf = new byte[256];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (atStart && n == 0) {
                    return null;
                }
                throw new IcapException(400, "connection closed inside a line");
            }
            if (b == '\n') {
                if (n == 0 || buf[n - 1] != '\r') {
                    throw new IcapException(400, "line not ended by CRLF");
                }
                return new String(buf, 0, n - 1, StandardCharsets.ISO_8859_1);
            }
            if (n == MAX_LINE) {
                throw new IcapException(400, "line longer than " + MAX_LINE + " bytes");
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = (byte) b;
        }
    }
}
