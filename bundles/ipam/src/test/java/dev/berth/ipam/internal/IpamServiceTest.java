package dev.berth.ipam.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

import dev.berth.ipam.api.AddressKind;
import dev.berth.ipam.api.AddressRequest;
import dev.berth.ipam.api.AllocatedAddress;
import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.IpamException.Reason;
import dev.berth.ipam.api.PoolGrant;
import dev.berth.ipam.api.PoolRequest;
import dev.berth.ipam.api.PoolUsage;

public class IpamServiceTest {

    static final String SCHEMA = String.join("\n",
            "version: 1",
            "spaces:",
            "  local:",
            "    - name: default-v4",
            "      family: ipv4",
            "      prefixes: [198.18.0.0/22]",
            "      subnet_length: 24",
            "      reserved: [198.18.1.0/24]",
            "      default: true",
            "    - name: default-v6",
            "      family: ipv6",
            "      prefixes: [\"fd00:b::/62\"]",
            "      subnet_length: 64",
            "      default: true",
            "    - name: tiny",
            "      family: ipv4",
            "      prefixes: [198.18.8.0/28]",
            "      subnet_length: 29",
            "      gateway: last",
            "    - name: headed",
            "      family: ipv4",
            "      prefixes: [198.18.9.0/24]",
            "      subnet_length: 24",
            "      reserve_head: 9",
            "  global:",
            "    - name: swarm",
            "      family: ipv4",
            "      prefixes: [198.18.0.0/22]",
            "      subnet_length: 24",
            "      default: true",
            "");

    @ClassRule
    public static final EmbeddedStoreRule STORE = new EmbeddedStoreRule();
    IpamService ipam;

    @Before
    public void freshState() throws Exception {
        ipam = STORE.freshIpam(SCHEMA, "node-a");
    }

    private PoolGrant carve(boolean v6, Map<String, String> options) {
        return ipam.requestPool(new PoolRequest("", null, null, options, v6));
    }

    private PoolGrant explicit(String subnet) {
        return ipam.requestPool(new PoolRequest("local", IpPrefix.parse(subnet), null, Map.of(), subnet.contains(":")));
    }

    private AllocatedAddress next(String poolId) {
        return ipam.requestAddress(new AddressRequest(poolId, null, AddressKind.ENDPOINT, ""));
    }

    @Test
    public void carvesSuccessiveSubnetsSkippingReservedOnes() {
        assertEquals("198.18.0.0/24", carve(false, Map.of()).subnet().toString());
        assertEquals("198.18.2.0/24", carve(false, Map.of()).subnet().toString()); // 198.18.1.0/24 is reserved
        assertEquals("local/198.18.3.0/24", carve(false, Map.of()).poolId());
        IpamException full = assertThrows(IpamException.class, () -> carve(false, Map.of()));
        assertEquals(Reason.EXHAUSTED, full.reason());
        assertTrue(full.getMessage(), full.getMessage().contains("schema pool 'default-v4'"));
    }

    @Test
    public void carvesIpv6FromTheDefaultIpv6Pool() {
        assertEquals("fd00:b::/64", carve(true, Map.of()).subnet().toString());
        assertEquals("fd00:b:0:1::/64", carve(true, Map.of()).subnet().toString());
    }

    @Test
    public void carvingJumpsOverExplicitlyGrantedSubnets() {
        explicit("198.18.0.128/25");
        assertEquals("198.18.2.0/24", carve(false, Map.of()).subnet().toString());
    }

    @Test
    public void explicitSubnetsAreGrantedExactlyAndOverlapsRefused() {
        assertEquals("local/198.18.100.0/24", explicit("198.18.100.0/24").poolId());
        IpamException overlap = assertThrows(IpamException.class, () -> explicit("198.18.100.128/25"));
        assertEquals(Reason.CONFLICT, overlap.reason());
        assertTrue(overlap.getMessage(), overlap.getMessage().contains("overlaps pool 198.18.100.0/24"));
        IpamException wider = assertThrows(IpamException.class, () -> explicit("198.18.96.0/20"));
        assertEquals(Reason.CONFLICT, wider.reason());
        IpamException reserved = assertThrows(IpamException.class, () -> explicit("198.18.1.0/25"));
        assertTrue(reserved.getMessage(), reserved.getMessage().contains("reserved by schema pool 'default-v4'"));
        // another address space is another overlap domain
        assertEquals("global/198.18.100.0/24", ipam.requestPool(new PoolRequest("global",
                IpPrefix.parse("198.18.100.0/24"), null, Map.of(), false)).poolId());
    }

    @Test
    public void identicalExplicitRequestsShareOnePoolUntilTheLastRelease() {
        PoolGrant first = explicit("198.18.50.0/24");
        PoolGrant again = explicit("198.18.50.0/24");
        assertEquals(first.poolId(), again.poolId());
        assertEquals(2, usage(first.poolId()).references());
        ipam.releasePool(first.poolId());
        assertEquals(1, usage(first.poolId()).references());
        ipam.releasePool(first.poolId());
        assertTrue(ipam.pools().stream().noneMatch(p -> p.poolId().equals(first.poolId())));
        IpamException gone = assertThrows(IpamException.class, () -> ipam.releasePool(first.poolId()));
        assertEquals(Reason.NOT_FOUND, gone.reason());
    }

    @Test
    public void gatewayAndEndpointsGetDistinctAddresses() {
        PoolGrant pool = carve(false, Map.of());
        AllocatedAddress gw = ipam.requestAddress(new AddressRequest(pool.poolId(), null, AddressKind.GATEWAY, ""));
        assertEquals("198.18.0.1/24", gw.cidr());
        assertEquals("198.18.0.2/24", next(pool.poolId()).cidr());
        assertEquals("198.18.0.3/24", next(pool.poolId()).cidr());
        AllocatedAddress wanted = ipam.requestAddress(new AddressRequest(pool.poolId(),
                IpPrefix.parseAddress("198.18.0.4"), AddressKind.ENDPOINT, ""));
        assertEquals("198.18.0.4/24", wanted.cidr());
        assertEquals("198.18.0.5/24", next(pool.poolId()).cidr()); // the cursor skips the taken address
        IpamException taken = assertThrows(IpamException.class, () -> ipam.requestAddress(
                new AddressRequest(pool.poolId(), IpPrefix.parseAddress("198.18.0.3"), AddressKind.ENDPOINT, "")));
        assertEquals(Reason.CONFLICT, taken.reason());
        IpamException outside = assertThrows(IpamException.class, () -> ipam.requestAddress(
                new AddressRequest(pool.poolId(), IpPrefix.parseAddress("198.18.0.255"), AddressKind.ENDPOINT, "")));
        assertEquals(Reason.INVALID, outside.reason());
        assertEquals(5, usage(pool.poolId()).allocated());
    }

    @Test
    public void gatewayLastAndExhaustionWithAClearMessage() {
        PoolGrant pool = carve(false, Map.of("pool", "tiny"));
        assertEquals("198.18.8.0/29", pool.subnet().toString());
        assertEquals("198.18.8.6/29", ipam.requestAddress(new AddressRequest(pool.poolId(), null, AddressKind.GATEWAY,
                "")).cidr());
        Set<String> got = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            got.add(next(pool.poolId()).cidr());
        }
        assertEquals(Set.of("198.18.8.1/29", "198.18.8.2/29", "198.18.8.3/29", "198.18.8.4/29", "198.18.8.5/29"), got);
        IpamException full = assertThrows(IpamException.class, () -> next(pool.poolId()));
        assertEquals(Reason.EXHAUSTED, full.reason());
        assertTrue(full.getMessage(), full.getMessage().contains("no free address in pool local/198.18.8.0/29"));
        // a released address is handed out again once the cursor is at the end
        ipam.releaseAddress(pool.poolId(), IpPrefix.parseAddress("198.18.8.3"));
        assertEquals("198.18.8.3/29", next(pool.poolId()).cidr());
        assertThrows(IpamException.class, () -> next(pool.poolId()));
    }

    @Test
    public void releasedAddressesAreReusedOnlyAfterTheCursorWrapsSoNoneIsHandedOutTwice() {
        PoolGrant pool = carve(false, Map.of("pool", "tiny"));
        String a = next(pool.poolId()).cidr();
        ipam.releaseAddress(pool.poolId(), IpPrefix.parseAddress(a.substring(0, a.indexOf('/'))));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            assertTrue("handed out twice", seen.add(next(pool.poolId()).cidr()));
        }
        assertTrue(seen.contains(a));
        assertThrows(IpamException.class, () -> next(pool.poolId()));
    }

    @Test
    public void releasingWhatWasNeverAllocatedIsAnError() {
        PoolGrant pool = carve(false, Map.of());
        IpamException e = assertThrows(IpamException.class,
                () -> ipam.releaseAddress(pool.poolId(), IpPrefix.parseAddress("198.18.0.77")));
        assertEquals(Reason.NOT_FOUND, e.reason());
        IpamException unknown = assertThrows(IpamException.class, () -> next("local/203.0.113.0/24"));
        assertEquals(Reason.NOT_FOUND, unknown.reason());
    }

    @Test
    public void reserveHeadAndIpRangeBoundNextFreeAllocation() {
        PoolGrant headed = carve(false, Map.of("pool", "headed"));
        assertEquals("198.18.9.10/24", next(headed.poolId()).cidr());
        PoolGrant ranged = ipam.requestPool(new PoolRequest("local", IpPrefix.parse("198.18.60.0/24"),
                IpPrefix.parse("198.18.60.128/30"), Map.of(), false));
        assertEquals("local/198.18.60.0/24/198.18.60.128/30", ranged.poolId());
        assertEquals("198.18.60.1/24", ipam.requestAddress(new AddressRequest(ranged.poolId(), null,
                AddressKind.GATEWAY, "")).cidr());
        assertEquals("198.18.60.128/24", next(ranged.poolId()).cidr());
        next(ranged.poolId());
        next(ranged.poolId());
        assertEquals("198.18.60.131/24", next(ranged.poolId()).cidr());
        assertThrows(IpamException.class, () -> next(ranged.poolId()));
    }

    @Test
    public void badRequestsAreRefusedWithoutLeavingState() {
        assertInvalid(() -> carve(false, Map.of("color", "blue")), "unknown IPAM option 'color'");
        assertInvalid(() -> carve(false, Map.of("pool", "nope")), "has no schema pool 'nope'; it has: default-v4");
        assertInvalid(() -> carve(true, Map.of("pool", "tiny")), "schema pool 'tiny' is IPv4");
        assertInvalid(() -> ipam.requestPool(new PoolRequest("mars", null, null, Map.of(), false)),
                "no address space 'mars'");
        assertInvalid(() -> ipam.requestPool(new PoolRequest("local", IpPrefix.parse("198.18.60.0/24"),
                IpPrefix.parse("198.18.61.0/30"), Map.of(), false)), "is not inside subnet");
        assertInvalid(() -> ipam.requestPool(new PoolRequest("local", IpPrefix.parse("198.18.60.0/24"), null,
                Map.of(), true)), "is not IPv6");
        assertEquals(List.of(), ipam.pools());
        // Docker's own options are not Berth's business
        carve(false, Map.of("com.docker.network.ipam.serial", "true"));
    }

    @Test
    public void releasedCarvedSubnetsAreCarvedAgainOnceTheCursorIsExhausted() {
        PoolGrant a = carve(false, Map.of());
        carve(false, Map.of());
        carve(false, Map.of());
        ipam.releasePool(a.poolId());
        assertEquals(a.subnet(), carve(false, Map.of()).subnet());
    }

    @Test
    public void stateSurvivesANewAllocatorOnTheSameStore() throws Exception {
        PoolGrant pool = carve(false, Map.of());
        next(pool.poolId());
        IpamService restarted = new IpamService(STORE.store(), SchemaParser.parse("test.yaml", SCHEMA));
        assertEquals(1, restarted.allocations(pool.poolId()).size());
        assertEquals("198.18.0.2/24", restarted.requestAddress(new AddressRequest(pool.poolId(), null,
                AddressKind.ENDPOINT, "")).cidr());
        assertEquals("198.18.2.0/24", restarted.requestPool(new PoolRequest("", null, null, Map.of(), false))
                .subnet().toString());
    }

    @Test
    public void manualReservationsAreListedWithTheirNote() {
        PoolGrant pool = carve(false, Map.of());
        InetAddress router = IpPrefix.parseAddress("198.18.0.200");
        ipam.requestAddress(new AddressRequest(pool.poolId(), router, AddressKind.MANUAL, "physical router"));
        AllocatedAddress listed = ipam.allocations(pool.poolId()).get(0);
        assertEquals(AddressKind.MANUAL, listed.kind());
        assertEquals("physical router", listed.note());
        assertEquals(router, listed.address());
    }

    private PoolUsage usage(String poolId) {
        return ipam.pools().stream().filter(p -> p.poolId().equals(poolId)).findFirst().orElseThrow();
    }

    private static void assertInvalid(Runnable call, String message) {
        IpamException e = assertThrows(IpamException.class, call::run);
        assertEquals(e.getMessage(), Reason.INVALID, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }
}
