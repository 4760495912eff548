package dev.berth.squid.waf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the encodings attackers hide payloads in, leniently (a malformed escape stays as it is): %-escapes twice
 * (so {@code %253C} becomes {@code <}), {@code +} as a space in forms and queries, HTML character references, and
 * NUL bytes removed.
 */
final class Normalizer {

    private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|quot|apos"
            + "|amp|colon|lpar|rpar|sol|bsol|tab|newline));?");

    private Normalizer() {
    }

    static String normalize(String raw, boolean form) {
        String s = form ? raw.replace('+', ' ') : raw;
        s = percentDecode(percentDecode(s));
        s = entities(s);
        return s.replace("\0", "");
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1))
                    && hex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%' && i + 5 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
                    && s.substring(i + 2, i + 6).chars().allMatch(h -> hex((char) h))) {
                out.writeBytes(Character.toString(Integer.parseInt(s.substring(i + 2, i + 6), 16))
                        .getBytes(StandardCharsets.UTF_8));
                i += 5;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String entities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String r;
            if (m.group(1) != null || m.group(2) != null) {
                int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                r = Character.isValidCodePoint(cp) ? Character.toString(cp) : m.group();
            } else {
                r = switch (m.group(3)) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "amp" -> "&";
                    case "colon" -> ":";
                    case "lpar" -> "(";
                    case "rpar" -> ")";
                    case "sol" -> "/";
                    case "bsol" -> "\\";
                    case "tab" -> "\t";
                    default -> "\n";
                };
            }
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
