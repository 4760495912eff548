package dev.berth.ipam.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.ipam.internal.IpamServiceTestAccess;
import dev.berth.plugin.api.PluginException;
import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

public class IpamDriverResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresStore store;
    private static IpamDriverResource driver;

    @BeforeClass
    public static void start() throws Exception {
        store = TestStores.embedded();
        driver = new IpamDriverResource(IpamServiceTestAccess.withDefaultSchema(store));
    }

    @AfterClass
    public static void stop() throws Exception {
        TestStores.destroy(store);
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void answersTheHandshakeCalls() throws Exception {
        assertEquals("IpamDriver", driver.dockerInterface());
        JsonNode caps = JSON.readTree(driver.capabilities());
        assertEquals(false, caps.get("RequiresRequestReplay").booleanValue());
        JsonNode spaces = JSON.readTree(driver.defaultAddressSpaces());
        assertEquals("local", spaces.get("LocalDefaultAddressSpace").textValue());
        assertEquals("global", spaces.get("GlobalDefaultAddressSpace").textValue());
    }

    @Test
    public void poolAndAddressRoundTripInDockersFormat() throws Exception {
        JsonNode pool = JSON.readTree(driver.requestPool(body(
                "{\"AddressSpace\":\"local\",\"Pool\":\"198.18.77.0/24\",\"SubPool\":\"\",\"Options\":{},\"V6\":false}")));
        assertEquals("local/198.18.77.0/24", pool.get("PoolID").textValue());
        assertEquals("198.18.77.0/24", pool.get("Pool").textValue());
        assertTrue(pool.get("Data").isObject());
        String poolId = pool.get("PoolID").textValue();
        JsonNode gw = JSON.readTree(driver.requestAddress(body("{\"PoolID\":\"" + poolId
                + "\",\"Address\":\"\",\"Options\":{\"RequestAddressType\":\"com.docker.network.gateway\"}}")));
        assertEquals("198.18.77.1/24", gw.get("Address").textValue());
        JsonNode ep = JSON.readTree(driver.requestAddress(body("{\"PoolID\":\"" + poolId
                + "\",\"Address\":\"\",\"Options\":{\"com.docker.network.endpoint.macaddress\":\"aa\"}}")));
        assertEquals("198.18.77.2/24", ep.get("Address").textValue());
        assertEquals("{}", driver.releaseAddress(body("{\"PoolID\":\"" + poolId + "\",\"Address\":\"198.18.77.2\"}")));
        PluginException twice = assertThrows(PluginException.class, () -> driver.releaseAddress(
                body("{\"PoolID\":\"" + poolId + "\",\"Address\":\"198.18.77.2\"}")));
        assertEquals(200, twice.status());
        assertTrue(twice.getMessage(), twice.getMessage().contains("is not allocated"));
        assertEquals("{}", driver.releasePool(body("{\"PoolID\":\"" + poolId + "\"}")));
    }

    @Test
    public void refusalsAreProtocolErrorsNotCrashes() {
        assertBadRequest(() -> driver.requestPool(body("{\"Pool\": ")), "malformed JSON in RequestPool");
        assertBadRequest(() -> driver.requestPool(body("[1,2]")), "RequestPool expects a JSON object");
        assertBadRequest(() -> driver.requestPool(body("{\"V6\":\"yes\"}")), "V6 must be true or false");
        assertBadRequest(() -> driver.requestPool(body("{\"Pool\":\"198.18.0.0/40\"}")), "Pool is not a CIDR prefix");
        assertBadRequest(() -> driver.requestPool(body("{\"Options\":{\"pool\":7}}")), "Options.pool must be a string");
        assertBadRequest(() -> driver.releasePool(body("{}")), "ReleasePool needs the field PoolID");
        assertBadRequest(() -> driver.requestAddress(body("{\"PoolID\":\"x\",\"Address\":\"not-an-ip\"}")),
                "Address is not an IP address");
        PluginException unknown = assertThrows(PluginException.class,
                () -> driver.requestAddress(body("{\"PoolID\":\"local/203.0.113.0/24\"}")));
        assertEquals(200, unknown.status());
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("no pool 'local/203.0.113.0/24'"));
        PluginException tag = assertThrows(PluginException.class,
                () -> driver.requestPool(body("{\"AddressSpace\":\"local\",\"Options\":{\"tag\":\"db\"}}")));
        assertEquals(200, tag.status());
        assertTrue(tag.getMessage(), tag.getMessage().contains("no pool of address space 'local' carries tag 'db'; its "
                + "pools have no tags"));
    }

    private static void assertBadRequest(Runnable call, String message) {
        PluginException e = assertThrows(PluginException.class, call::run);
        assertEquals(e.getMessage(), 400, e.status());
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }
}
