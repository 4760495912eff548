package dev.berth.plugin.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.Test;

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
}
