package dev.berth.dns.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Berth's real DNS server for the ACME bundle's tests, built as Declarative Services would build it: on 127.0.0.1
 * at a free port, authoritative for the internal zone and the given extra zones, forwarding nothing, without a
 * store. In this package because the configuration type is package-private.
 */
public final class AcmeTestDns {

    private AcmeTestDns() {
    }

    /**
     * Starts a server.
     *
     * @param extraZones the extra zones it serves
     * @return the running server; {@link DnsService#close()} stops it
     */
    public static DnsService start(String... extraZones) {
        return start(0, new String[0], extraZones);
    }

    /**
     * Starts a server on a given port that forwards other names.
     *
     * @param port the port, 0 for a free one
     * @param forwarders the upstream resolvers, {@code 127.0.0.1:PORT}
     * @param extraZones the extra zones it serves
     * @return the running server
     */
    public static DnsService start(int port, String[] forwarders, String... extraZones) {
        Map<String, Object> values = Map.of("port", port, "listen_addresses", new String[] {"127.0.0.1"},
                "listen_gateways", false, "resolv_conf", "/nonexistent/resolv.conf", "udp_threads", 1,
                "extra_zones", extraZones, "forwarders", forwarders);
        DnsConfiguration config = (DnsConfiguration) Proxy.newProxyInstance(DnsConfiguration.class.getClassLoader(),
                new Class<?>[] {DnsConfiguration.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new DnsService(config);
    }
}
