package dev.berth.net.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.berth.admin.api.AdminResource;
import dev.berth.admin.api.AdminRows;
import dev.berth.net.api.BerthNetworks;
import dev.berth.net.api.EndpointInfo;
import dev.berth.net.api.NetworkInfo;
import dev.berth.net.api.PeerNetwork;

/** Berth's networks for the operators' API: {@code /api/v1/networks}. */
@Component(property = {AdminResource.NAME + "=networks", AdminResource.TITLE + "=Networks"})
public final class NetworksAdminResource implements AdminResource {

    private final BerthNetworks networks;

    /**
     * Creates the resource.
     *
     * @param networks the network driver
     */
    @Activate
    public NetworksAdminResource(@Reference BerthNetworks networks) {
        this.networks = networks;
    }

    @Override
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NetworkInfo n : networks.networks()) {
            rows.add(AdminRows.row().put("network", AdminRows.shortId(n.id())).put("bridge", n.bridge())
                    .put("table", n.table()).put("subnets", n.subnets()).put("gateways", n.gateways())
                    .put("mtu", n.mtu()).put("internal", n.internal()).put("egress", n.egress())
                    .put("tags", n.tags()).put("endpoints", n.endpoints()).put("created", n.createdAt()).build());
        }
        return rows;
    }

    /** The endpoints of every network: {@code /api/v1/endpoints}. */
    @Component(service = AdminResource.class,
            property = {AdminResource.NAME + "=endpoints", AdminResource.TITLE + "=Endpoints"})
    public static final class Endpoints implements AdminResource {

        private final BerthNetworks networks;

        /**
         * Creates the resource.
         *
         * @param networks the network driver
         */
        @Activate
        public Endpoints(@Reference BerthNetworks networks) {
            this.networks = networks;
        }

        @Override
        public List<Map<String, Object>> rows() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (NetworkInfo n : networks.networks()) {
                for (EndpointInfo e : networks.endpoints(n.id())) {
                    rows.add(AdminRows.row().put("network", AdminRows.shortId(e.networkId()))
                            .put("endpoint", AdminRows.shortId(e.endpointId())).put("interface", e.hostInterface())
                            .put("mac", e.mac()).put("addresses", e.addresses())
                            .put("ports", e.ports().stream().map(p -> (p.hostIp() == null || p.hostIp().isEmpty() ? ""
                                    : p.hostIp() + ":") + p.hostPort() + "->" + p.containerPort() + "/" + p.protocol())
                                    .toList())
                            .put("egress", e.egress()).put("ingress", e.ingress()).build());
                }
            }
            return rows;
        }
    }

    /** The other nodes' networks sharing a tag with this host's: {@code /api/v1/cluster-networks}. */
    @Component(service = AdminResource.class,
            property = {AdminResource.NAME + "=cluster-networks", AdminResource.TITLE + "=Other nodes' networks"})
    public static final class ClusterNetworks implements AdminResource {

        private final BerthNetworks networks;

        /**
         * Creates the resource.
         *
         * @param networks the network driver
         */
        @Activate
        public ClusterNetworks(@Reference BerthNetworks networks) {
            this.networks = networks;
        }

        @Override
        public List<Map<String, Object>> rows() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PeerNetwork p : networks.peers()) {
                rows.add(AdminRows.row().put("node", p.host()).put("network", AdminRows.shortId(p.networkId()))
                        .put("subnets", p.subnets()).put("tags", p.tags())
                        .put("here", p.localNetworks().stream().map(AdminRows::shortId).toList())
                        .put("egress", p.egress()).put("ingress", p.ingress()).put("routes", p.routes()).build());
            }
            return rows;
        }
    }
}
