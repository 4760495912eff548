package dev.berth.frr.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** This node's BGP speaker: FRR announcing the subnets of the node's Berth networks to its iBGP peers. */
@ProviderType
public interface BgpRouting {

    /**
     * Tells whether FRR runs and what it announces.
     *
     * @return the status now
     */
    BgpStatus status();

    /**
     * Lists the configured peers with the state of their sessions, as bgpd reports them.
     *
     * @return one entry per configured peer address, in configuration order
     */
    List<BgpPeer> peers();

    /**
     * Lists the routes in bgpd's table, announced and learned, IPv4 then IPv6.
     *
     * @return the routes; empty when FRR does not run
     */
    List<BgpRoute> routes();

    /**
     * Returns the configuration rendered for FRR ({@code frr.conf}); the TCP-MD5 password is masked.
     *
     * @return the text
     */
    String config();
}
