package dev.berth.ipam.api;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix in CIDR form, always normalized to its network address.
 *
 * @param network the first address of the prefix
 * @param length the prefix length in bits
 */
public record IpPrefix(InetAddress network, int length) {

    /**
     * Validates the prefix and clears the host bits of {@code network}.
     *
     * @param network any address inside the prefix
     * @param length the prefix length
     */
    public IpPrefix {
        int bits = bits(network);
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0.." + bits);
        }
        network = mask(network, length);
    }

    /**
     * Parses {@code "198.18.0.0/24"} or {@code "fd00::/64"}; an address without a length is a host prefix.
     *
     * @param text the prefix
     * @return the prefix
     * @throws IllegalArgumentException when the text is not an IP prefix
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        int length = bits(address);
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IP prefix: '" + text + "'");
            }
            length = Integer.parseInt(len);
            if (length > bits(address)) {
                throw new IllegalArgumentException("prefix length /" + length + " is too long for '" + text + "'");
            }
        }
        return new IpPrefix(address, length);
    }

    /**
     * Parses an IPv4 or IPv6 address literal without ever consulting a resolver.
     *
     * @param text the literal
     * @return the address
     * @throws IllegalArgumentException when the text is not an address literal
     */
    public static InetAddress parseAddress(String text) {
        String t = text.trim();
        try {
            if (t.indexOf(':') >= 0) {
                if (t.indexOf('%') >= 0) {
                    throw new IllegalArgumentException("scoped IPv6 addresses are not supported: '" + text + "'");
                }
                InetAddress a = InetAddress.getByName(t); // a literal with ':' is never resolved
                if (!(a instanceof Inet6Address)) {
                    throw new IllegalArgumentException("IPv4-mapped IPv6 addresses are not supported: '" + text + "'");
                }
                return a;
            }
            String[] parts = t.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IP address: '" + text + "'");
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                        || (p.length() > 1 && p.charAt(0) == '0')) {
                    throw new IllegalArgumentException("not an IP address: '" + text + "'");
                }
                int v = Integer.parseInt(p);
                if (v > 255) {
                    throw new IllegalArgumentException("not an IP address: '" + text + "'");
                }
                b[i] = (byte) v;
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
        }
    }

    /**
     * Formats an address canonically (RFC 5952 for IPv6: lower case, longest zero run compressed).
     *
     * @param address the address
     * @return the text form
     */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(words[i]));
        }
        return s.toString();
    }

    /**
     * Returns the address with the given numeric value.
     *
     * @param value the address as an unsigned number
     * @param bits 32 or 128
     * @return the address
     */
    public static InetAddress fromNumber(BigInteger value, int bits) {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[bits / 8];
        int copy = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - copy, b, b.length - copy, copy);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns an address as an unsigned number.
     *
     * @param address the address
     * @return its value
     */
    public static BigInteger toNumber(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    /**
     * Returns the width of addresses of this family.
     *
     * @return 32 for IPv4, 128 for IPv6
     */
    public int bits() {
        return bits(network);
    }

    /**
     * Tells whether this is an IPv6 prefix.
     *
     * @return {@code true} for IPv6
     */
    public boolean isIpv6() {
        return network instanceof Inet6Address;
    }

    /**
     * Returns the last address of the prefix.
     *
     * @return the broadcast address for IPv4, the highest address for IPv6
     */
    public InetAddress last() {
        return fromNumber(toNumber(network).add(size()).subtract(BigInteger.ONE), bits());
    }

    /**
     * Returns the number of addresses in the prefix.
     *
     * @return 2 to the power of the host bits
     */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - length);
    }

    /**
     * Returns the address at an offset from the network address.
     *
     * @param offset from 0 to {@code size() - 1}
     * @return the address
     */
    public InetAddress addressAt(BigInteger offset) {
        if (offset.signum() < 0 || offset.compareTo(size()) >= 0) {
            throw new IllegalArgumentException("offset " + offset + " is outside " + this);
        }
        return fromNumber(toNumber(network).add(offset), bits());
    }

    /**
     * Tells whether an address lies in this prefix.
     *
     * @param address the address
     * @return {@code true} when it does
     */
    public boolean contains(InetAddress address) {
        return bits(address) == bits() && mask(address, length).equals(network);
    }

    /**
     * Tells whether another prefix lies entirely in this one.
     *
     * @param other the other prefix
     * @return {@code true} when it does
     */
    public boolean contains(IpPrefix other) {
        return other.length >= length && contains(other.network);
    }

    /**
     * Tells whether two prefixes share any address.
     *
     * @param other the other prefix
     * @return {@code true} when they do
     */
    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    @Override
    public String toString() {
        return format(network) + "/" + length;
    }

    private static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    private static InetAddress mask(InetAddress address, int length) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return Arrays.equals(b, address.getAddress()) ? address : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
