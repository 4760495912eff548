package dev.berth.volumes.admin;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.berth.admin.api.AdminResource;
import dev.berth.admin.api.AdminRows;
import dev.berth.volumes.api.CertificateVolumes;

/** The certificate volumes, their certificates and mounts: {@code /api/v1/volumes}. */
@Component(property = {AdminResource.NAME + "=volumes", AdminResource.TITLE + "=Certificate volumes"})
public final class VolumesAdminResource implements AdminResource {

    private final CertificateVolumes volumes;

    /**
     * Creates the resource.
     *
     * @param volumes the volume driver
     */
    @Activate
    public VolumesAdminResource(@Reference CertificateVolumes volumes) {
        this.volumes = volumes;
    }

    @Override
    public List<Map<String, Object>> rows() {
        return volumes.volumes().stream().map(v -> AdminRows.row().put("volume", v.name()).put("issuer", v.issuer())
                .put("set", v.setName())
                .put("names", v.subjectNames()).put("serial", v.serial()).put("expires", v.notAfter())
                .put("mounts", v.mounts()).put("containers", v.containers()).put("refreshed", v.lastRefresh())
                .put("error", v.lastError()).build()).toList();
    }
}
