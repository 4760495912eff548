package dev.berth.ipam.internal;

import dev.berth.ipam.api.AddressAllocator;
import dev.berth.store.api.Store;

/** Lets tests in other packages build the allocator with the built-in schema. */
public final class IpamServiceTestAccess {

    private IpamServiceTestAccess() {
    }

    /**
     * Builds an allocator on the built-in default schema.
     *
     * @param store the store
     * @return the allocator
     * @throws Exception when the schema cannot be loaded
     */
    public static AddressAllocator withDefaultSchema(Store store) throws Exception {
        System.setProperty("karaf.etc", "/nonexistent");
        return new IpamService(store, IpamService.load(""));
    }
}
