package dev.berth.squid.waf;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.berth.squid.icap.HttpHead;

/**
 * Finds request framing that a proxy and a backend may read differently (request smuggling): Content-Length with
 * Transfer-Encoding, differing or non-numeric Content-Length values, a Transfer-Encoding other than a final
 * {@code chunked}, or a header name with white space or control characters.
 */
final class Framing {

    private Framing() {
    }

    static Optional<String> problem(HttpHead head) {
        List<String> lengths = head.headers("Content-Length");
        List<String> encodings = head.headers("Transfer-Encoding");
        if (!lengths.isEmpty() && !encodings.isEmpty()) {
            return Optional.of("Content-Length with Transfer-Encoding");
        }
        if (lengths.stream().map(String::trim).distinct().count() > 1) {
            return Optional.of("differing Content-Length values " + lengths);
        }
        for (String l : lengths) {
            if (!l.trim().matches("\\d{1,18}")) {
                return Optional.of("Content-Length " + l);
            }
        }
        if (!encodings.isEmpty()) {
            String all = String.join(",", encodings).toLowerCase(Locale.ROOT).replace(" ", "");
            if (!all.endsWith("chunked") || !all.matches("[a-z,]+") || all.indexOf("chunked") != all.length() - 7) {
                return Optional.of("Transfer-Encoding " + String.join(", ", encodings));
            }
        }
        for (String[] f : head.fields()) {
            if (!f[0].matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                return Optional.of("header name " + f[0]);
            }
        }
        return Optional.empty();
    }
}
