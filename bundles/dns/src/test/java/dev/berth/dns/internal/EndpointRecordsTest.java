package dev.berth.dns.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import dev.berth.dns.api.DnsEndpoint;
import dev.berth.ipam.api.IpPrefix;

public class EndpointRecordsTest {

    private static final Name ZONE = Name.fromConstantString("berth.internal.");

    private static List<String> lines(EndpointRecords.Built built) {
        return built.records().stream().map(Record::toString).map(s -> s.replaceAll("\\s+", " ")).toList();
    }

    @Test
    public void addressesGetQualifiedPlainAndAliasNamesAndPtrToTheQualifiedName() {
        DnsEndpoint e = new DnsEndpoint("ep1", "Front", "c0ffee", "/Web-1", List.of("www", "Web-1"),
                List.of(IpPrefix.parseAddress("198.18.0.10"), IpPrefix.parseAddress("fd00:b::a")));
        EndpointRecords.Built built = EndpointRecords.build(e, ZONE, 10);
        assertEquals(List.of(
                "web-1.front.berth.internal. 10 IN A 198.18.0.10",
                "web-1.berth.internal. 10 IN A 198.18.0.10",
                "www.front.berth.internal. 10 IN A 198.18.0.10",
                "10.0.18.198.in-addr.arpa. 10 IN PTR web-1.front.berth.internal.",
                "web-1.front.berth.internal. 10 IN AAAA fd00:b:0:0:0:0:0:a",
                "web-1.berth.internal. 10 IN AAAA fd00:b:0:0:0:0:0:a",
                "www.front.berth.internal. 10 IN AAAA fd00:b:0:0:0:0:0:a",
                "a." + "0.".repeat(23) + "b.0.0.0.0.0.d.f.ip6.arpa. 10 IN PTR web-1.front.berth.internal."),
                lines(built));
        assertTrue(built.problems().isEmpty());
    }

    @Test
    public void namesThatAreNotDnsNamesAreSkippedAndReported() {
        DnsEndpoint e = new DnsEndpoint("ep1", "net", "c0ffee", "web", List.of("bad alias", "x".repeat(64)),
                List.of(IpPrefix.parseAddress("198.18.0.10")));
        EndpointRecords.Built built = EndpointRecords.build(e, ZONE, 10);
        assertEquals(3, built.records().size());
        assertEquals(2, built.problems().size());
        assertTrue(built.problems().get(0), built.problems().get(0).contains("' '"));
        assertTrue(built.problems().get(1), built.problems().get(1).contains("longer than 63"));
    }

    @Test
    public void aContainerWithoutAddressesHasNoRecords() {
        DnsEndpoint e = new DnsEndpoint("ep1", "net", "c0ffee", "web", List.of(), List.of());
        assertTrue(EndpointRecords.build(e, ZONE, 10).records().isEmpty());
    }
}
