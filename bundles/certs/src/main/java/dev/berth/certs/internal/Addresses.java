package dev.berth.certs.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address literals, parsed without ever asking DNS. */
final class Addresses {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Addresses() {
    }

    static InetAddress literal(String text) throws UnknownHostException {
        String s = text.trim();
        if (!V4.matcher(s).matches() && !V6.matcher(s).matches()) {
            throw new UnknownHostException("not an IP address literal: '" + text + "'");
        }
        return InetAddress.getByName(s);
    }
}
