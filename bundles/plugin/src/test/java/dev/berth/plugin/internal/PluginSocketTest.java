package dev.berth.plugin.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

import dev.berth.plugin.api.PluginProtocol;

public class PluginSocketTest {

    @Test
    public void ipamErrorsUseErrorAndTheOthersErr() {
        assertEquals("Error", PluginProtocol.errorField("/IpamDriver.RequestPool"));
        assertEquals("Error", PluginProtocol.errorField("IpamDriver.ReleaseAddress"));
        assertEquals("Err", PluginProtocol.errorField("/NetworkDriver.CreateNetwork"));
        assertEquals("Err", PluginProtocol.errorField("/VolumeDriver.Mount"));
        assertEquals("Err", PluginProtocol.errorField("/Plugin.Activate"));
    }

    @Test
    public void errorBodiesAreJsonInTheGivenField() {
        assertEquals("{\"Error\":\"pool \\\"x\\\" is full\"}", PluginErrorMapper.body("Error", "pool \"x\" is full"));
    }
}
