package dev.berth.ipam.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

import dev.berth.ipam.api.IpPrefix;
import dev.berth.ipam.api.IpamException;
import dev.berth.ipam.api.IpamException.Reason;
import dev.berth.ipam.api.PoolRequest;

/** Pools selected by tag: {@code --ipam-opt tag=TAG}. */
public class TaggedPoolsTest {

    static final String SCHEMA = String.join("\n",
            "version: 1",
            "spaces:",
            "  local:",
            "    - {name: default-v4, family: ipv4, prefixes: [198.18.0.0/24], subnet_length: 26, default: true}",
            "    - {name: db, family: ipv4, prefixes: [198.18.8.0/24], subnet_length: 26, tags: [db, pg]}",
            "    - {name: web, family: ipv4, prefixes: [198.18.9.0/24], subnet_length: 26, tags: [web]}",
            "    - {name: db-v6, family: ipv6, prefixes: [\"fd00:e::/56\"], subnet_length: 64, tags: [db]}",
            "");

    @ClassRule
    public static final EmbeddedStoreRule STORE = new EmbeddedStoreRule();
    IpamService ipam;

    @Before
    public void freshState() throws Exception {
        ipam = STORE.freshIpam(SCHEMA, "node-a");
    }

    private String carve(Map<String, String> options, boolean v6) {
        return ipam.requestPool(new PoolRequest("", null, null, options, v6)).subnet().toString();
    }

    @Test
    public void aTagSelectsThePoolOfItsFamilyThatCarriesIt() {
        assertEquals("198.18.8.0/26", carve(Map.of("tag", "db"), false));
        assertEquals("fd00:e::/64", carve(Map.of("tag", "db"), true));
        assertEquals("198.18.8.64/26", carve(Map.of("tag", "pg"), false));
        assertEquals("198.18.9.0/26", carve(Map.of("tag", "web", "pool", "web"), false));
        assertEquals("198.18.0.0/26", carve(Map.of(), false));
        assertEquals(List.of("db", "pg"), ipam.schema().pool("local", "db").orElseThrow().tags());
    }

    @Test
    public void wrongTagsAreRefusedWithoutLeavingState() {
        int before = ipam.pools().size();
        assertInvalid(Map.of("tag", "cache"), false, "no pool of address space 'local' carries tag 'cache'; its tags: "
                + "db, pg, web");
        assertInvalid(Map.of("tag", "web"), true, "no IPv6 pool of address space 'local' carries tag 'web' (IPv4 pool "
                + "'web' does)");
        assertInvalid(Map.of("tag", "web", "pool", "db"), false, "--ipam-opt pool=db and tag=web disagree: tag 'web' "
                + "selects schema pool 'web' of address space 'local'");
        assertInvalid(Map.of("tag", "nope", "pool", "db"), false, "carries tag 'nope'");
        IpamException outside = assertThrows(IpamException.class, () -> ipam.requestPool(new PoolRequest("local",
                IpPrefix.parse("198.18.9.0/26"), null, Map.of("tag", "db"), false)));
        assertTrue(outside.getMessage(), outside.getMessage().contains("is not inside schema pool 'db'"));
        assertEquals(before, ipam.pools().size());
    }

    private void assertInvalid(Map<String, String> options, boolean v6, String message) {
        IpamException e = assertThrows(IpamException.class, () -> carve(options, v6));
        assertEquals(e.getMessage(), Reason.INVALID, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }
}
