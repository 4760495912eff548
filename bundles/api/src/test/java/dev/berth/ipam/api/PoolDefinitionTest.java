package dev.berth.ipam.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class PoolDefinitionTest {

    private static final List<IpPrefix> PREFIXES = List.of(IpPrefix.parse("198.18.0.0/17"));

    @Test
    public void theConstructorOfVersion10MakesAPoolCarvedPerNetworkWithoutTags() {
        PoolDefinition p = new PoolDefinition("local", "web", false, PREFIXES, 24, List.of(), GatewayPolicy.FIRST, 0,
                true, 3);
        assertEquals(0, p.nodeLength());
        assertFalse(p.perNode());
        assertEquals(List.of(), p.tags());
        assertEquals(new PoolDefinition("local", "web", false, PREFIXES, 24, List.of(), GatewayPolicy.FIRST, 0, true,
                3, 0, List.of()), p);
    }

    @Test
    public void nodeLengthMakesItPerNodeAndTheTagsAreCopied() {
        List<String> tags = new ArrayList<>(List.of("db"));
        PoolDefinition p = new PoolDefinition("local", "db", false, PREFIXES, 24, List.of(), GatewayPolicy.FIRST, 0,
                false, 3, 21, tags);
        tags.add("web");
        assertTrue(p.perNode());
        assertEquals(21, p.nodeLength());
        assertEquals(List.of("db"), p.tags());
    }
}
