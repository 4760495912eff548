package dev.berth.dns.internal;

import java.net.InetAddress;
import java.util.List;

import dev.berth.ipam.api.IpPrefix;

/** Client networks allowed something (recursion, zone transfers); checked on every query, without allocating. */
final class AccessList {

    private final byte[][] networks;
    private final int[] lengths;

    AccessList(List<IpPrefix> prefixes) {
        this.networks = new byte[prefixes.size()][];
        this.lengths = new int[prefixes.size()];
        for (int i = 0; i < prefixes.size(); i++) {
            networks[i] = prefixes.get(i).network().getAddress();
            lengths[i] = prefixes.get(i).length();
        }
    }

    /**
     * Tells whether an address is in one of the networks.
     *
     * @param client the client's address
     * @return whether it is allowed
     */
    boolean allows(InetAddress client) {
        byte[] a = client.getAddress();
        for (int i = 0; i < networks.length; i++) {
            if (networks[i].length == a.length && matches(networks[i], lengths[i], a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] network, int length, byte[] a) {
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != a[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (network[full] & mask) == (a[full] & mask);
    }
}
