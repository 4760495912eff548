package dev.berth.frr.internal;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.ipam.api.AddressSpaces;
import dev.berth.ipam.api.GatewayPolicy;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.NodeBlock;
import dev.berth.ipam.api.PoolDefinition;

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

    /**
     * The address plan of the tests: 198.19.0.0/16 in /24 networks inside /20 node blocks, fd00::/16 in /64 networks
     * inside /48 node blocks.
     */
    static IpamSchema schema() {
        return new IpamSchema("test", new AddressSpaces("local", "global"), List.of(
                pool("v4", "198.19.0.0/16", 24, 20), pool("v6", "fd00::/16", 64, 48)));
    }

    static PoolDefinition pool(String name, String prefix, int subnetLength, int nodeLength) {
        IpPrefix p = IpPrefix.parse(prefix);
        return new PoolDefinition("local", name, p.isIpv6(), List.of(p), subnetLength, List.of(), GatewayPolicy.FIRST,
                0, false, 1, nodeLength, List.of());
    }

    /** The test plan, seen from a node that claimed these blocks. */
    static RoutingPlan plan(String... blocks) {
        return RoutingPlan.of(schema(), "this", java.util.Arrays.stream(blocks).map(b -> block("this", b)).toList());
    }

    static NodeBlock block(String node, String prefix) {
        IpPrefix p = IpPrefix.parse(prefix);
        return new NodeBlock("local", p.isIpv6() ? "v6" : "v4", p, node, 1, false, java.time.Instant.EPOCH);
    }

    static List<InetAddress> addresses(String... text) {
        return java.util.Arrays.stream(text).map(IpPrefix::parseAddress).toList();
    }
}
