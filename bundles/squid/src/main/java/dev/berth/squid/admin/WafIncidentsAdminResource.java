package dev.berth.squid.admin;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.berth.admin.api.AdminResource;
import dev.berth.admin.api.AdminRows;
import dev.berth.squid.internal.SquidService;

/** The WAF's recent incidents for the operators' API: {@code /api/v1/waf-incidents}. */
@Component(property = {AdminResource.NAME + "=waf-incidents", AdminResource.TITLE + "=WAF incidents (recent)"})
public final class WafIncidentsAdminResource implements AdminResource {

    private static final int LIMIT = 200;

    private final SquidService squid;

    /**
     * Creates the resource.
     *
     * @param squid the caching proxy and its WAF
     */
    @Activate
    public WafIncidentsAdminResource(@Reference SquidService squid) {
        this.squid = squid;
    }

    @Override
    public List<Map<String, Object>> rows() {
        return squid.incidents().recent(LIMIT).stream().map(i -> AdminRows.row().put("time", i.time())
                .put("incident", i.id()).put("action", i.blocked() ? "blocked" : "detected").put("rule", i.ruleId())
                .put("message", i.message()).put("target", i.target()).put("client", i.client())
                .put("method", i.method()).put("host", i.host()).put("uri", i.uri()).put("evidence", i.evidence())
                .build()).toList();
    }
}
