package dev.berth.plugin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.Test;

import dev.berth.plugin.api.PluginProtocol;

public class PluginSocketTest {

    @Test
    public void endpointIsReadFromTheWhiteboardProperty() {
        assertEquals(8181, PluginSocket.endpointOf(new String[] {"http://127.0.0.1:8181/"}).getPort());
        assertEquals(InetAddress.getLoopbackAddress(),
                PluginSocket.endpointOf(List.of("http://localhost:9000/")).getAddress());
        assertEquals(9001, PluginSocket.endpointOf("http://0.0.0.0:9001/").getPort());
    }

    @Test
    public void ipamErrorsUseErrorAndTheOthersErr() {
        assertEquals("Error", PluginProtocol.errorField("/IpamDriver.RequestPool"));
        assertEquals("Error", PluginProtocol.errorField("IpamDriver.ReleaseAddress"));
        assertEquals("Err", PluginProtocol.errorField("/NetworkDriver.CreateNetwork"));
        assertEquals("Err", PluginProtocol.errorField("/VolumeDriver.Mount"));
        assertEquals("Err", PluginProtocol.errorField("/Plugin.Activate"));
    }

    @Test
    public void onlyLoopbackRequestsFromRelayPortsPass() {
        RelayPorts ports = new RelayPorts();
        ports.add(40000);
        RelayOnlyFilter filter = new RelayOnlyFilter(ports);
        assertTrue(filter.fromRelay("127.0.0.1", 40000));
        assertFalse(filter.fromRelay("127.0.0.1", 40001));
        assertFalse(filter.fromRelay("198.18.0.1", 40000));
        ports.remove(40000);
        assertFalse(filter.fromRelay("127.0.0.1", 40000));
    }

    @Test
    public void errorBodiesAreJsonInTheGivenField() {
        assertEquals("{\"Error\":\"pool \\\"x\\\" is full\"}", PluginErrorMapper.body("Error", "pool \"x\" is full"));
    }
}
