package dev.berth.net.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Statement;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.net.plugin.NetworkDriverResource;
import dev.berth.plugin.api.PluginException;
import dev.berth.store.internal.PostgresStore;
import dev.berth.store.internal.TestStores;

/** The protocol as dockerd speaks it (bodies captured from dockerd 20.10), on the real driver logic. */
public class NetworkDriverResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NET = "368b08bbc9f58098cb39c2c22526dceb6a1686e6becb5387302ef3f3340a1fc2";
    static final String EP = "5bceaeb9d113bd48399f138099d229299fadcd84cbb3799a6b7076d64a0b706c";

    static PostgresStore store;
    FakeKernel kernel;
    NetworkDriverResource resource;

    @BeforeClass
    public static void startStore() throws Exception {
        store = TestStores.embedded();
    }

    @AfterClass
    public static void stopStore() throws Exception {
        TestStores.destroy(store);
    }

    @Before
    public void fresh() {
        store.migrate("net", NetworkDriverService.MIGRATIONS);
        store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM net_network");
            }
            return null;
        });
        kernel = new FakeKernel();
        resource = new NetworkDriverResource(new NetworkDriverService(store, kernel, "policy", "h", 25000, 100, 1500,
                new int[] {49153, 65535}));
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private void createNetwork() {
        resource.createNetwork(body("{\"NetworkID\":\"" + NET + "\",\"Options\":{\"com.docker.network.enable_ipv6\":true,"
                + "\"com.docker.network.generic\":{\"berth.egress\":\"nat\"}},\"IPv4Data\":[{\"AddressSpace\":\"local\","
                + "\"Gateway\":\"198.18.5.1/24\",\"Pool\":\"198.18.5.0/24\"}],\"IPv6Data\":[{\"AddressSpace\":\"local\","
                + "\"Gateway\":\"fd42:b0a7:1:2::1/64\",\"Pool\":\"fd42:b0a7:1:2::/64\"}]}"));
    }

    @Test
    public void aContainerLifecycleAsDockerdDrivesIt() throws Exception {
        assertEquals("{\"Scope\":\"local\",\"ConnectivityScope\":\"local\"}", resource.capabilities());
        createNetwork();
        assertTrue(kernel.links.containsKey("bt-368b08bbc9f5"));
        JsonNode created = JSON.readTree(resource.createEndpoint(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\""
                + EP + "\",\"Interface\":{\"Address\":\"198.18.5.2/24\",\"AddressIPv6\":\"fd42:b0a7:1:2::2/64\","
                + "\"MacAddress\":\"\"},\"Options\":{}}")));
        assertTrue(created.toString(), created.get("Interface").get("MacAddress").textValue().startsWith("02:"));
        JsonNode join = JSON.readTree(resource.join(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\"" + EP
                + "\",\"SandboxKey\":\"/var/run/docker/netns/4a1\",\"Options\":{}}")));
        assertEquals("bc-5bceaeb9d113", join.get("InterfaceName").get("SrcName").textValue());
        assertEquals("eth", join.get("InterfaceName").get("DstPrefix").textValue());
        assertEquals("198.18.5.1", join.get("Gateway").textValue());
        assertEquals("fd42:b0a7:1:2::1", join.get("GatewayIPv6").textValue());
        resource.programExternalConnectivity(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\"" + EP + "\","
                + "\"Options\":{\"com.docker.network.endpoint.exposedports\":[{\"Proto\":6,\"Port\":80}],"
                + "\"com.docker.network.portmap\":[{\"Proto\":6,\"IP\":\"\",\"Port\":80,\"HostIP\":\"\",\"HostPort\":0,"
                + "\"HostPortEnd\":0}]}}"));
        JsonNode info = JSON.readTree(resource.endpointOperInfo(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\""
                + EP + "\"}")));
        assertEquals(49153, info.get("Value").get("com.docker.network.portmap").get(0).get("HostPort").intValue());
        assertTrue(kernel.lastRuleset.contains("tcp dport 49153 dnat ip to 198.18.5.2:80"));
        resource.revokeExternalConnectivity(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\"" + EP + "\"}"));
        resource.leave(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\"" + EP + "\"}"));
        resource.deleteEndpoint(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\"" + EP + "\"}"));
        resource.deleteNetwork(body("{\"NetworkID\":\"" + NET + "\"}"));
        assertTrue(kernel.links.isEmpty());
    }

    @Test
    public void anInternalNetworkAsDockerdAnnouncesIt() throws Exception {
        resource.createNetwork(body("{\"NetworkID\":\"" + NET + "\",\"Options\":{\"com.docker.network.enable_ipv6\":false,"
                + "\"com.docker.network.generic\":{},\"com.docker.network.internal\":true},\"IPv4Data\":[{\"AddressSpace\":"
                + "\"local\",\"Gateway\":\"198.18.6.1/24\",\"Pool\":\"198.18.6.0/24\"}],\"IPv6Data\":[]}"));
        resource.createEndpoint(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\"" + EP + "\",\"Interface\":"
                + "{\"Address\":\"198.18.6.2/24\"}}"));
        JsonNode join = JSON.readTree(resource.join(body("{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\"" + EP
                + "\",\"SandboxKey\":\"/var/run/docker/netns/4a1\"}")));
        assertTrue(join.toString(), !join.has("Gateway") && join.get("DisableGatewayService").booleanValue());
    }

    @Test
    public void badRequestsGetErrNotCrashes() {
        PluginException malformed = assertThrows(PluginException.class, () -> resource.createNetwork(body("{\"NetworkID\"")));
        assertEquals(400, malformed.status());
        PluginException badId = assertThrows(PluginException.class,
                () -> resource.deleteNetwork(body("{\"NetworkID\":\"../../etc\"}")));
        assertEquals(400, badId.status());
        PluginException unknown = assertThrows(PluginException.class, () -> resource.deleteNetwork(body(
                "{\"NetworkID\":\"" + NET + "\"}")));
        assertEquals(200, unknown.status());
        assertTrue(unknown.getMessage(), unknown.getMessage().startsWith("no berth network " + NET));
        PluginException option = assertThrows(PluginException.class, () -> resource.createNetwork(body("{\"NetworkID\":\""
                + NET + "\",\"Options\":{\"com.docker.network.generic\":{\"colour\":\"red\"}},\"IPv4Data\":[{\"Pool\":"
                + "\"198.18.5.0/24\",\"Gateway\":\"198.18.5.1/24\"}]}")));
        assertEquals(200, option.status());
        assertTrue(option.getMessage(), option.getMessage().contains("unknown option colour"));
        createNetwork();
        PluginException udpOnly = assertThrows(PluginException.class, () -> resource.programExternalConnectivity(body(
                "{\"NetworkID\":\"" + NET + "\",\"EndpointID\":\"" + EP + "\",\"Options\":{\"com.docker.network.portmap\":"
                + "[{\"Proto\":132,\"Port\":80}]}}")));
        assertTrue(udpOnly.getMessage(), udpOnly.getMessage().contains("only TCP and UDP"));
    }
}
