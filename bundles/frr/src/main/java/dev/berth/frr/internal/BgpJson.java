package dev.berth.frr.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.frr.api.BgpPeer;
import dev.berth.frr.api.BgpRoute;
import dev.berth.ipam.api.IpPrefix;

/** Reads bgpd's JSON answers ({@code show bgp summary json}, {@code show bgp <afi> unicast json}). */
final class BgpJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BgpJson() {
    }

    /**
     * Reads the sessions from {@code show bgp summary json}, every address family.
     *
     * @param json bgpd's answer
     * @return the peers by address
     * @throws IOException when the answer is not JSON
     */
    static Map<String, BgpPeer> peers(String json) throws IOException {
        Map<String, BgpPeer> peers = new LinkedHashMap<>();
        JsonNode root = JSON.readTree(json.isBlank() ? "{}" : json);
        root.fields().forEachRemaining(family -> family.getValue().path("peers").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            String address = IpPrefix.format(IpPrefix.parseAddress(e.getKey()));
            peers.put(address, new BgpPeer(address, p.path("state").asText(BgpPeer.UNKNOWN),
                    p.path("peerUptimeMsec").asLong(), p.path("pfxRcd").asLong(), p.path("pfxSnt").asLong(),
                    p.path("connectionsEstablished").asLong(), p.path("connectionsDropped").asLong()));
        }));
        return peers;
    }

    /**
     * Reads the routes from {@code show bgp ipv4 unicast json} or {@code show bgp ipv6 unicast json}.
     *
     * @param json bgpd's answer
     * @return every path of every prefix
     * @throws IOException when the answer is not JSON
     */
    static List<BgpRoute> routes(String json) throws IOException {
        List<BgpRoute> routes = new ArrayList<>();
        JsonNode root = JSON.readTree(json.isBlank() ? "{}" : json);
        root.path("routes").fields().forEachRemaining(e -> {
            IpPrefix prefix = IpPrefix.parse(e.getKey());
            for (JsonNode path : e.getValue()) {
                String peer = path.path("peerId").asText("");
                boolean local = peer.isEmpty() || peer.startsWith("(");
                String nextHop = "";
                for (JsonNode hop : path.path("nexthops")) {
                    String ip = hop.path("ip").asText("");
                    if (nextHop.isEmpty() && !ip.isEmpty() && !"link-local".equals(hop.path("scope").asText())) {
                        nextHop = ip;
                    }
                }
                if (local || "0.0.0.0".equals(nextHop) || "::".equals(nextHop)) {
                    nextHop = "";
                }
                routes.add(new BgpRoute(prefix, nextHop, local ? "" : peer, path.path("bestpath").asBoolean(),
                        local));
            }
        });
        return routes;
    }
}
