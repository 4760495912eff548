package dev.berth.acme.api;

import java.util.Locale;

/** How the ACME client proves control of a name (RFC 8555 section 8). */
public enum AcmeChallenge {

    /** A file served over plain HTTP on port 80 of the name, by Berth's own responder. Not for wildcard names. */
    HTTP_01("http-01"),

    /**
     * A TXT record at {@code _acme-challenge.<name>} published in Berth's own DNS server, which must be
     * authoritative for that name (a zone of Berth's, or one delegated to it). Wildcard names need it.
     */
    DNS_01("dns-01");

    private final String type;

    AcmeChallenge(String type) {
        this.type = type;
    }

    /**
     * The challenge type as ACME names it.
     *
     * @return {@code http-01} or {@code dns-01}
     */
    public String type() {
        return type;
    }

    /**
     * Finds a challenge by its ACME type.
     *
     * @param type {@code http-01} or {@code dns-01}, any case
     * @return the challenge
     * @throws IllegalArgumentException when Berth does not answer that type
     */
    public static AcmeChallenge ofType(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        for (AcmeChallenge c : values()) {
            if (c.type.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown ACME challenge '" + type + "': http-01 or dns-01");
    }
}
