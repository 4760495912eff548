package dev.berth.haproxy.admin;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.berth.admin.api.AdminResource;
import dev.berth.admin.api.AdminRows;
import dev.berth.haproxy.api.IngressRoutes;

/** The ingress proxy's routes for the operators' API: {@code /api/v1/routes}. */
@Component(property = {AdminResource.NAME + "=routes", AdminResource.TITLE + "=Ingress routes"})
public final class RoutesAdminResource implements AdminResource {

    private final IngressRoutes proxy;

    /**
     * Creates the resource.
     *
     * @param proxy the ingress proxy
     */
    @Activate
    public RoutesAdminResource(@Reference IngressRoutes proxy) {
        this.proxy = proxy;
    }

    @Override
    public List<Map<String, Object>> rows() {
        return proxy.routes().stream().map(r -> AdminRows.row().put("hosts", r.hosts())
                .put("path", r.pathPrefix()).put("servers", r.servers().stream()
                        .map(s -> (s.address().contains(":") ? "[" + s.address() + "]" : s.address()) + ":" + s.port())
                        .toList())
                .put("certificate set", r.certificateSet()).put("health", r.healthPath()).put("origin", r.origin())
                .build()).toList();
    }

    /** Routes the proxy does not serve, and why: {@code /api/v1/route-problems}. */
    @Component(service = AdminResource.class,
            property = {AdminResource.NAME + "=route-problems", AdminResource.TITLE + "=Ingress routes not served"})
    public static final class Problems implements AdminResource {

        private final IngressRoutes proxy;

        /**
         * Creates the resource.
         *
         * @param proxy the ingress proxy
         */
        @Activate
        public Problems(@Reference IngressRoutes proxy) {
            this.proxy = proxy;
        }

        @Override
        public List<Map<String, Object>> rows() {
            return proxy.status().problems().stream().map(p -> AdminRows.row().put("source", p.source())
                    .put("label", p.label()).put("value", p.value()).put("problem", p.message()).build()).toList();
        }
    }
}
