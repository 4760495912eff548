package dev.berth.squid.icap;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ICAP request's head, checked: method, service path, ICAP header fields and the encapsulated HTTP heads. The
 * body, when there is one, follows on the stream in chunked form.
 *
 * @param method OPTIONS, REQMOD or RESPMOD
 * @param uri the ICAP URI, {@code icap://host:port/service}
 * @param fields the ICAP header fields, each {name, value}
 * @param requestHead the encapsulated {@code req-hdr}, when present
 * @param responseHead the encapsulated {@code res-hdr}, when present
 * @param hasBody whether a {@code req-body} or {@code res-body} follows
 * @param preview the Preview size, when the client previews
 */
public record IcapRequest(String method, String uri, List<String[]> fields, Optional<HttpHead> requestHead,
        Optional<HttpHead> responseHead, boolean hasBody, OptionalInt preview) {

    /** Copies the fields. */
    public IcapRequest {
        fields = List.copyOf(fields);
    }

    /**
     * The first value of an ICAP header field.
     *
     * @param name the name, in any case
     * @return the value, or empty
     */
    public Optional<String> header(String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst();
    }

    /** @return the service: the URI's path without its query, for example {@code /reqmod} */
    public String service() {
        String rest = uri.substring(uri.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "/" : rest.substring(slash);
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** @return whether the client accepts 204 No Modification outside a preview */
    public boolean allows204() {
        return header("Allow").map(a -> List.of(a.split("\\s*,\\s*")).contains("204")).orElse(false);
    }
}
