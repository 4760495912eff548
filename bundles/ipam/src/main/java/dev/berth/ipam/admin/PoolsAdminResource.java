package dev.berth.ipam.admin;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.berth.admin.api.AdminResource;
import dev.berth.admin.api.AdminRows;
import dev.berth.ipam.api.AddressAllocator;
import dev.berth.ipam.api.IpPrefix;

/** The IPAM's pools and their use for the operators' API: {@code /api/v1/pools}. */
@Component(property = {AdminResource.NAME + "=pools", AdminResource.TITLE + "=Address pools"})
public final class PoolsAdminResource implements AdminResource {

    private final AddressAllocator ipam;

    /**
     * Creates the resource.
     *
     * @param ipam the IPAM
     */
    @Activate
    public PoolsAdminResource(@Reference AddressAllocator ipam) {
        this.ipam = ipam;
    }

    @Override
    public List<Map<String, Object>> rows() {
        return ipam.pools().stream().map(p -> AdminRows.row().put("pool", p.poolId()).put("space", p.addressSpace())
                .put("subnet", p.subnet()).put("range", IpPrefix.format(p.rangeFirst()) + "-"
                        + IpPrefix.format(p.rangeLast()))
                .put("schema pool", p.schemaPool()).put("allocated", p.allocated())
                .put("capacity", p.capacity()).put("networks", p.references()).put("created", p.createdAt())
                .build()).toList();
    }
}
