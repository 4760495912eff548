package dev.berth.net.internal.kernel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of the kernel objects Berth reconciles.
 *
 * @param links every link by name
 * @param rules policy-routing rules of both families
 * @param routes routes of every table, both families
 * @param nftTables nftables tables as {@code family name}
 */
public record KernelState(Map<String, Link> links, List<Rule> rules, List<Route> routes, Set<String> nftTables) {

    /**
     * Copies the collections.
     *
     * @param links the links
     * @param rules the rules
     * @param routes the routes
     * @param nftTables the tables
     */
    public KernelState {
        links = Map.copyOf(links);
        rules = List.copyOf(rules);
        routes = List.copyOf(routes);
        nftTables = Set.copyOf(nftTables);
    }

    /**
     * A network device.
     *
     * @param name its name
     * @param kind {@code bridge}, {@code veth}, {@code vrf}, or empty
     * @param master the device it is enslaved to, or empty
     * @param mtu its MTU
     * @param up whether it is administratively up
     * @param addresses its addresses in CIDR form
     */
    public record Link(String name, String kind, String master, int mtu, boolean up, List<String> addresses) {

        /**
         * Copies the addresses.
         *
         * @param name the name
         * @param kind the kind
         * @param master the master
         * @param mtu the MTU
         * @param up whether up
         * @param addresses the addresses
         */
        public Link {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * A policy-routing rule.
     *
     * @param ipv6 its family
     * @param priority its priority
     * @param iif the input interface it matches, or empty
     * @param fwmark the firewall mark it matches, or empty
     * @param table the table it looks up
     */
    public record Rule(boolean ipv6, int priority, String iif, String fwmark, String table) {
    }

    /**
     * A route.
     *
     * @param ipv6 its family
     * @param table its table
     * @param destination {@code default} or a prefix
     * @param type {@code unicast}, {@code unreachable}, ...
     * @param device its device, or empty
     * @param gateway its next hop, or empty
     */
    public record Route(boolean ipv6, String table, String destination, String type, String device, String gateway) {
    }
}
