package dev.berth.dns.admin;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.berth.admin.api.AdminResource;
import dev.berth.admin.api.AdminRows;
import dev.berth.dns.api.DnsRegistry;

/** The zones Berth's DNS server is authoritative for: {@code /api/v1/zones}. */
@Component(property = {AdminResource.NAME + "=zones", AdminResource.TITLE + "=DNS zones"})
public final class ZonesAdminResource implements AdminResource {

    private final DnsRegistry dns;

    /**
     * Creates the resource.
     *
     * @param dns the DNS records
     */
    @Activate
    public ZonesAdminResource(@Reference DnsRegistry dns) {
        this.dns = dns;
    }

    @Override
    public List<Map<String, Object>> rows() {
        return dns.zones().stream().map(z -> AdminRows.row().put("zone", z.name()).put("kind", z.kind())
                .put("serial", z.serial()).put("records", z.records()).put("networks", z.networks()).build())
                .toList();
    }
}
