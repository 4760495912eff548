package dev.berth.certs.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Lifetimes as operators type them: {@code 90d}, {@code 12h}, {@code 30m}, {@code 45s}, or ISO-8601 {@code P30D}. */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a lifetime; write for example 90d, 12h or P30D");
        }
    }

    static String format(Duration d) {
        if (d == null) {
            return "default";
        }
        return d.toDaysPart() > 0 && d.toHoursPart() == 0 ? d.toDays() + "d" : d.toHours() + "h";
    }
}
