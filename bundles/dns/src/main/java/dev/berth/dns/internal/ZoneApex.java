package dev.berth.dns.internal;

import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** The SOA and NS records at the apex of every zone served; the server is the only name server. */
final class ZoneApex {

    private static final long REFRESH = 3600;
    private static final long RETRY = 600;
    private static final long EXPIRE = 86400;

    private final Name nameserver;
    private final Name hostmaster;
    private final long ttl;
    private final long negativeTtl;

    ZoneApex(DnsSettings settings) {
        this.nameserver = settings.nameserver();
        this.hostmaster = DnsNames.child("hostmaster", settings.zone());
        this.ttl = settings.ttl();
        this.negativeTtl = settings.negativeTtl();
    }

    SOARecord soa(Name zone, long serial) {
        return new SOARecord(zone, DClass.IN, ttl, nameserver, hostmaster, serial, REFRESH, RETRY, EXPIRE,
                negativeTtl);
    }

    NSRecord ns(Name zone) {
        return new NSRecord(zone, DClass.IN, ttl, nameserver);
    }

    /**
     * Returns the SOA record of a negative answer, whose TTL is the smaller of its TTL and minimum (RFC 2308).
     *
     * @param zone the zone
     * @param serial the serial
     * @return the record
     */
    SOARecord negativeSoa(Name zone, long serial) {
        long t = Math.min(ttl, negativeTtl);
        return new SOARecord(zone, DClass.IN, t, nameserver, hostmaster, serial, REFRESH, RETRY, EXPIRE,
                negativeTtl);
    }

    Name nameserver() {
        return nameserver;
    }
}
