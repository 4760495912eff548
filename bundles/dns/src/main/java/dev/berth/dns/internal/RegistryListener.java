package dev.berth.dns.internal;

import java.util.Collection;

import dev.berth.dns.api.DnsNetwork;

/** Hears of changes to the registry; called with the registry locked, so it only takes note. */
interface RegistryListener {

    /**
     * An object was published, replaced or withdrawn.
     *
     * @param key the object
     */
    void stateChanged(StateKey key);

    /**
     * The set of networks changed.
     *
     * @param networks the networks now
     */
    void networksChanged(Collection<DnsNetwork> networks);
}
