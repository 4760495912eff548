package dev.berth.frr.admin;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.berth.admin.api.AdminResource;
import dev.berth.admin.api.AdminRows;
import dev.berth.frr.api.BgpRouting;

/** The iBGP peers of this node and their sessions, for the operators' API: {@code /api/v1/bgp-peers}. */
@Component(property = {AdminResource.NAME + "=bgp-peers", AdminResource.TITLE + "=BGP peers"})
public final class PeersAdminResource implements AdminResource {

    private final BgpRouting routing;

    /**
     * Creates the resource.
     *
     * @param routing the BGP speaker
     */
    @Activate
    public PeersAdminResource(@Reference BgpRouting routing) {
        this.routing = routing;
    }

    @Override
    public List<Map<String, Object>> rows() {
        return routing.peers().stream().map(p -> AdminRows.row().put("peer", p.address()).put("state", p.state())
                .put("uptime ms", p.uptimeMillis()).put("prefixes received", p.prefixesReceived())
                .put("prefixes sent", p.prefixesSent()).put("established", p.connectionsEstablished())
                .put("dropped", p.connectionsDropped()).build()).toList();
    }
}
