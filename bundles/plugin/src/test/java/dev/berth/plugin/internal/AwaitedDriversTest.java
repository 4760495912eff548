package dev.berth.plugin.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.osgi.framework.Bundle;

import dev.berth.plugin.internal.AwaitedDrivers.Declared;

public class AwaitedDriversTest {

    private static final List<Declared> BUNDLES = List.of(
            new Declared(10, "dev.berth.ipam", true, true),
            new Declared(11, "dev.berth.net", true, true),
            new Declared(12, "dev.berth.volumes", true, true),
            new Declared(13, "dev.berth.dns", true, false),
            new Declared(14, "dev.berth.stopped", false, true));

    @Test
    public void aStartedDriverBundleThatHasNotRegisteredIsAwaited() {
        assertEquals(List.of("dev.berth.volumes"), AwaitedDrivers.missing(BUNDLES, Set.of(10L, 11L)));
    }

    @Test
    public void everyStartedDriverBundleIsAwaitedUntilItRegisters() {
        assertEquals(List.of("dev.berth.ipam", "dev.berth.net", "dev.berth.volumes"),
                AwaitedDrivers.missing(BUNDLES, Set.of()));
        assertEquals(List.of(), AwaitedDrivers.missing(BUNDLES, Set.of(10L, 11L, 12L)));
    }

    @Test
    public void stoppedBundlesAndBundlesWithoutADriverAreNotAwaited() {
        assertEquals(List.of(), AwaitedDrivers.missing(BUNDLES, Set.of(10L, 11L, 12L)));
        assertEquals(List.of(), AwaitedDrivers.missing(List.of(BUNDLES.get(3), BUNDLES.get(4)), Set.of()));
    }

    @Test
    public void aBundleTheRisingStartLevelWillStartCountsAsStarting() {
        // the plugin bundle may be active while the driver bundles of the same start level are not yet starting
        assertTrue(AwaitedDrivers.toStart(Bundle.RESOLVED, true, 80, 100));
        assertTrue(AwaitedDrivers.toStart(Bundle.INSTALLED, true, 80, 100));
        assertTrue(AwaitedDrivers.toStart(Bundle.STARTING, true, 80, 100));
        assertTrue(AwaitedDrivers.toStart(Bundle.ACTIVE, false, 80, 100));
    }

    @Test
    public void aStoppedBundleOrOneAboveTheFinalStartLevelIsNotAwaited() {
        assertFalse("stopped by an operator", AwaitedDrivers.toStart(Bundle.RESOLVED, false, 80, 100));
        assertFalse("never reached", AwaitedDrivers.toStart(Bundle.RESOLVED, true, 120, 100));
        assertFalse("stopping", AwaitedDrivers.toStart(Bundle.STOPPING, true, 80, 100));
        assertFalse("uninstalled", AwaitedDrivers.toStart(Bundle.UNINSTALLED, true, 80, 100));
    }
}
