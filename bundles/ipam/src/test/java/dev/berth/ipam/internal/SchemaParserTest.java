package dev.berth.ipam.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;

import dev.berth.ipam.api.GatewayPolicy;
import dev.berth.ipam.api.IpamSchema;
import dev.berth.ipam.api.PoolDefinition;

public class SchemaParserTest {

    static final String VALID = String.join("\n",
            "version: 1",
            "spaces:",
            "  local:",
            "    - name: web",
            "      family: ipv4",
            "      prefixes: [198.18.0.0/16, 198.19.0.0/24]",
            "      subnet_length: 26",
            "      reserved: [198.18.255.0/24]",
            "      gateway: last",
            "      reserve_head: 4",
            "      default: true",
            "    - name: v6",
            "      family: ipv6",
            "      prefixes: [\"fd00:1::/48\"]",
            "      subnet_length: 64",
            "      default: true",
            "");

    static final String CARVED = String.join("\n",
            "version: 1",
            "spaces:",
            "  local:",
            "    - name: web",
            "      family: ipv4",
            "      prefixes: [198.18.0.0/16, 198.19.0.0/20]",
            "      subnet_length: 26",
            "      node_length: 20",
            "      tags: [web, front]",
            "    - name: v6",
            "      family: ipv6",
            "      prefixes: [\"fd00:1::/48\"]",
            "      subnet_length: 64",
            "      tags: [web]",
            "");

    @Test
    public void readsEveryField() throws Exception {
        IpamSchema schema = SchemaParser.parse("test.yaml", VALID);
        assertEquals("local", schema.spaces().local());
        assertEquals("global", schema.spaces().global());
        PoolDefinition web = schema.pool("local", "web").orElseThrow();
        assertEquals("[198.18.0.0/16, 198.19.0.0/24]", web.prefixes().toString());
        assertEquals(26, web.subnetLength());
        assertEquals("[198.18.255.0/24]", web.reserved().toString());
        assertEquals(GatewayPolicy.LAST, web.gateway());
        assertEquals(4, web.reserveHead());
        assertEquals(4, web.line());
        assertEquals("v6", schema.defaultPool("local", true).orElseThrow().name());
    }

    @Test
    public void readsNodeLengthAndTags() throws Exception {
        IpamSchema parsed = SchemaParser.parse("test.yaml", CARVED);
        PoolDefinition web = parsed.pool("local", "web").orElseThrow();
        assertEquals(20, web.nodeLength());
        assertTrue(web.perNode());
        assertEquals(List.of("web", "front"), web.tags());
        PoolDefinition v6 = parsed.pool("local", "v6").orElseThrow();
        assertEquals(List.of("web"), v6.tags());
        assertFalse(v6.perNode());
    }

    @Test
    public void carvingErrorsNameTheLineAndTheField() {
        assertError(CARVED.replace("node_length: 20", "node_length: 12"), "line 8: pool 'web': node_length 12 is "
                + "shorter than prefix 198.18.0.0/16");
        assertError(CARVED.replace("node_length: 20", "node_length: 27"), "line 8: pool 'web': node_length 27 is "
                + "longer than subnet_length 26");
        assertError(CARVED.replace("node_length: 20", "node_length: big"), "line 8: pool 'web' node_length must be "
                + "a whole number");
        assertError(CARVED.replace("tags: [web, front]", "tags: db"), "line 9: pool 'web' tags must be a list");
        assertError(CARVED.replace("tags: [web, front]", "tags: [web, Front]"), "line 9: pool 'web' tag 'Front' must "
                + "be lower-case");
        assertError(CARVED.replace("tags: [web, front]", "tags: [web, web]"), "line 9: pool 'web' tags: tag 'web' is "
                + "listed twice");
        assertError(CARVED + "    - name: more\n      family: ipv4\n      prefixes: [198.20.0.0/24]\n"
                + "      subnet_length: 28\n      tags: [db, front]\n", "line 19: pool 'more' tags: tag 'front' is "
                + "already on IPv4 pool 'web' (line 4); a tag selects one pool per space and family");
        assertError(CARVED.replace("node_length: 20", "node_length: 19"), "line 8: pool 'web': node_length 19 is "
                + "shorter than prefix 198.19.0.0/20");
    }

    @Test
    public void theShippedDefaultSchemaIsValid() throws Exception {
        try (InputStream in = IpamService.class.getResourceAsStream("default-schema.yaml")) {
            IpamSchema schema = SchemaParser.parse("default", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(schema.defaultPool("local", false).isPresent());
            assertTrue(schema.defaultPool("local", true).isPresent());
        }
    }

    @Test
    public void errorsNameTheLineAndTheField() {
        assertError(VALID.replace("prefixes: [198.18.0.0/16, 198.19.0.0/24]", "prefixes: [198.18.0.1/16]"),
                "line 6: pool 'web' prefixes: 198.18.0.1/16 has host bits set (did you mean 198.18.0.0/16?)");
        assertError(VALID.replace("family: ipv4", "family: ipx"), "line 5: pool 'web': family must be ipv4 or ipv6");
        assertError(VALID.replace("      gateway: last", "      gatway: last"), "line 9: unknown key 'gatway'");
        assertError(VALID.replace("subnet_length: 26", "subnet_length: 8"), "line 7: pool 'web': subnet_length 8");
        assertError(VALID.replace("subnet_length: 26", "subnet_length: 31"), "line 7: pool 'web': subnet_length 31");
        assertError(VALID.replace("subnet_length: 26", "subnet_length: many"), "line 7: pool 'web' subnet_length must be a whole number");
        assertError(VALID.replace("reserved: [198.18.255.0/24]", "reserved: [198.20.0.0/24]"),
                "line 8: pool 'web': reserved 198.20.0.0/24 lies outside the pool's prefixes");
        assertError(VALID.replace("gateway: last", "gateway: middle"), "line 9: pool 'web': gateway must be first or last");
        assertError(VALID.replace("reserve_head: 4", "reserve_head: 62"), "line 10: pool 'web': reserve_head 62");
        assertError(VALID.replace("[\"fd00:1::/48\"]", "[198.20.0.0/16]"), "line 14: pool 'v6' prefixes: 198.20.0.0/16 is not an IPv6 prefix");
        assertError(VALID.replace("version: 1", "version: 2"), "line 1: version must be 1");
        assertError(VALID.replace("  local:", "  other:"), "line 2: spaces must declare the local default space 'local'");
        assertError(VALID.replace("name: v6", "name: web"), "line 12: space 'local' declares pool 'web' twice");
        assertError(VALID + "    - name: more\n      family: ipv4\n      prefixes: [198.18.4.0/24]\n      subnet_length: 28\n",
                "line 17: pool 'more': prefix 198.18.4.0/24 overlaps 198.18.0.0/16 declared on line 4");
        assertError(VALID + "    - name: more\n      family: ipv4\n      prefixes: [198.20.0.0/24]\n      subnet_length: 28\n      default: true\n",
                "line 17: pool 'more': space 'local' already has a default IPv4 pool 'web'");
        assertError(VALID.replace("      subnet_length: 64\n", ""), "line 12: missing required key 'subnet_length'");
        assertError("version: 1\nspaces: [\n", "line 3: not valid YAML");
        assertError("", "line 1: the schema is empty");
        assertError(VALID.replace("name: web", "name: Web Pool"), "line 4: pool name 'Web Pool' must be lower-case");
    }

    private static void assertError(String yaml, String expected) {
        SchemaException e = assertThrows(SchemaException.class, () -> SchemaParser.parse("test.yaml", yaml));
        assertTrue("expected '" + expected + "' in: " + e.getMessage(), e.getMessage().startsWith("test.yaml " + expected)
                || e.getMessage().contains(expected));
    }
}
