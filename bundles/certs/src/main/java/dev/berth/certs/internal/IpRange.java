package dev.berth.certs.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;

/** An IPv4 or IPv6 prefix in CIDR notation, for address policies. */
record IpRange(InetAddress network, int length) {

    static IpRange parse(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        try {
            InetAddress network = Addresses.literal(parts[0]);
            int max = network.getAddress().length * 8;
            int length = parts.length == 1 ? max : Integer.parseInt(parts[1]);
            if (length < 0 || length > max) {
                throw new NumberFormatException("prefix length " + length + " out of range");
            }
            return new IpRange(network, length);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new CertificateManagerException(Reason.INVALID, "invalid IP range '" + cidr + "': " + e.getMessage());
        }
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int shift = a.length * 8 - length;
        return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, n).shiftRight(shift));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + length;
    }
}
