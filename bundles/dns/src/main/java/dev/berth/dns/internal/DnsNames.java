package dev.berth.dns.internal;

import java.util.Locale;

import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

/** Turns the names of configuration, containers, labels and operators into DNS names, validating them. */
final class DnsNames {

    private DnsNames() {
    }

    /**
     * Parses a zone name from the configuration.
     *
     * @param text the name, with or without a trailing dot
     * @param setting the setting, for the message
     * @return the absolute, lower-case name
     * @throws IllegalArgumentException when the text is no valid name or is the root
     */
    static Name zone(String text, String setting) {
        String t = text.trim();
        if (t.isEmpty() || t.equals(".")) {
            throw new IllegalArgumentException(setting + ": a zone needs a name below the root");
        }
        try {
            return absolute(t.endsWith(".") ? t : t + ".");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a name relative to a zone, as labels and operators write them: {@code @} is the zone itself, a
     * name with a trailing dot is absolute and must be in the zone, any other name is relative to it.
     *
     * @param text the name
     * @param zone the zone
     * @param what what the name is, for the message
     * @return the absolute, lower-case name
     * @throws IllegalArgumentException when the text is no valid name or an absolute name outside the zone
     */
    static Name relative(String text, Name zone, String what) {
        String t = text.trim();
        if (t.equals("@")) {
            return zone;
        }
        try {
            Name name = t.endsWith(".") ? absolute(t) : Name.concatenate(relativeName(t), zone);
            if (!name.subdomain(zone)) {
                throw new IllegalArgumentException("'" + t + "' is not in zone " + zone);
            }
            return name;
        } catch (NameTooLongException e) {
            throw new IllegalArgumentException(what + " '" + t + "." + zone + "' is longer than 255 bytes", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the name {@code <label>.<parent>} from a container, alias or network name.
     *
     * @param relative the relative name; dots make more labels
     * @param parent the absolute parent name
     * @return the absolute, lower-case name
     * @throws IllegalArgumentException when the relative name is not valid in DNS
     */
    static Name child(String relative, Name parent) {
        try {
            return Name.concatenate(relativeName(relative), parent);
        } catch (NameTooLongException e) {
            throw new IllegalArgumentException("'" + relative + "." + parent + "' is longer than 255 bytes", e);
        }
    }

    private static Name absolute(String text) {
        return nameOf(text.substring(0, text.length() - 1), true);
    }

    private static Name relativeName(String text) {
        return nameOf(text, false);
    }

    private static Name nameOf(String text, boolean absolute) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String label : lower.split("\\.", -1)) {
            checkLabel(label, text);
        }
        try {
            return Name.fromString(absolute ? lower + "." : lower);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid DNS name: " + e.getMessage(), e);
        }
    }

    private static void checkLabel(String label, String name) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' has an empty label");
        }
        if (label.length() > 63) {
            throw new IllegalArgumentException("'" + name + "' has a label longer than 63 characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new IllegalArgumentException("'" + name + "' has the character '" + c
                        + "'; DNS names here use letters, digits, '-' and '_' between dots");
            }
        }
    }
}
