package dev.berth.frr.internal;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.ipam.api.IpPrefix;

/** Settings and checks shared by the tests. */
final class TestFrr {

    /** FRR's daemons: /usr/lib/frr unless -Dberth.test.frr.dir names another directory. */
    static final Path FRR_DIR = Path.of(System.getProperty("berth.test.frr.dir", "/usr/lib/frr"));
    static final Path VTYSH = Path.of("/usr/bin/vtysh");

    private TestFrr() {
    }

    /** Skips the test when FRR is missing, or fails it when -Dberth.test.require.frr=true. */
    static void assumeFrr() {
        boolean present = Files.isExecutable(FRR_DIR.resolve("zebra")) && Files.isExecutable(FRR_DIR.resolve("bgpd"))
                && Files.isExecutable(FRR_DIR.resolve("frr-reload.py")) && Files.isExecutable(VTYSH);
        if (!present) {
            String why = "FRR is missing: apt-get install frr frr-pythontools";
            if (Boolean.getBoolean("berth.test.require.frr")) {
                org.junit.Assert.fail(why);
            }
            org.junit.Assume.assumeTrue(why, false);
        }
    }

    static FrrSettings settings(boolean enabled, long asn, String routerId, List<String> peers, String password,
            boolean bfd, Path runtimeDir, String netns) {
        return new FrrSettings(enabled, asn, Optional.ofNullable(routerId).map(IpPrefix::parseAddress),
                peers.stream().map(IpPrefix::parseAddress).toList(), password, bfd, Duration.ofSeconds(1),
                Duration.ofSeconds(3), FRR_DIR, VTYSH, runtimeDir, "frr", netns, Duration.ofSeconds(10),
                Duration.ofSeconds(15));
    }

    /** An instance of the configuration annotation: each setting its default unless given. */
    static FrrConfiguration config(Map<String, Object> values) {
        return (FrrConfiguration) Proxy.newProxyInstance(FrrConfiguration.class.getClassLoader(),
                new Class<?>[] {FrrConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return FrrConfiguration.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    static List<InetAddress> addresses(String... text) {
        return java.util.Arrays.stream(text).map(IpPrefix::parseAddress).toList();
    }
}
