package dev.berth.squid.internal;

/**
 * The reverse-proxy (Squid accelerator) mode: containers published by their {@code berth.waf.*} labels on an HTTP
 * and, optionally, an HTTPS port, every request and response through the ICAP WAF. {@link SquidSettings} checks it.
 *
 * @param enabled whether containers are published
 * @param address the address both reverse ports bind
 * @param httpPort the plain HTTP port, 0 for none
 * @param httpsPort the HTTPS port, 0 for none
 * @param network the network whose address a container is reached on when its labels name none, or empty
 */
record ReverseSettings(boolean enabled, String address, int httpPort, int httpsPort, String network) {

    /** The mode switched off. */
    static final ReverseSettings OFF = new ReverseSettings(false, "0.0.0.0", 0, 0, "");

    /** @return whether Squid serves published containers over HTTPS */
    boolean https() {
        return enabled && httpsPort > 0;
    }

    /** @return whether Squid serves published containers over plain HTTP */
    boolean http() {
        return enabled && httpPort > 0;
    }
}
