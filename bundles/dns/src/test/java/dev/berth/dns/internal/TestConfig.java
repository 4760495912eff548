package dev.berth.dns.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds typed configurations as Declarative Services would: the annotation's defaults, overridden by the
 * given values. Tests never forward to the host's resolvers: the default here reads no resolv.conf.
 */
final class TestConfig {

    private TestConfig() {
    }

    static DnsConfiguration of(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>();
        all.put("port", 0);
        all.put("listen_addresses", new String[] {"127.0.0.1"});
        all.put("resolv_conf", "/nonexistent/resolv.conf");
        all.put("udp_threads", 1);
        all.putAll(values);
        return (DnsConfiguration) Proxy.newProxyInstance(DnsConfiguration.class.getClassLoader(),
                new Class<?>[] {DnsConfiguration.class}, (proxy, method, args) -> {
                    if (all.containsKey(method.getName())) {
                        return all.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static DnsSettings settings(Map<String, Object> values) {
        return DnsSettings.from(of(values));
    }

    static DnsSettings settings() {
        return settings(Map.of());
    }
}
