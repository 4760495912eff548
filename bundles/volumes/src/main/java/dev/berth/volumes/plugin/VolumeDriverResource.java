package dev.berth.volumes.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import dev.berth.plugin.api.PluginDriver;
import dev.berth.plugin.api.PluginException;
import dev.berth.plugin.api.PluginProtocol;
import dev.berth.plugin.json.PluginRequest;
import dev.berth.store.api.StoreException;
import dev.berth.volumes.internal.VolumeCalls;
import dev.berth.volumes.internal.VolumeRequestException;

/**
 * Docker's volume plugin protocol ({@code VolumeDriver.*}) on the plugin socket. Requests Berth can read but
 * refuses are answered {@code 200} with {@code {"Err": ...}}; unreadable ones with {@code 400}.
 */
@Component(service = PluginDriver.class)
@JaxrsResource
@JaxrsApplicationSelect(PluginProtocol.APPLICATION_SELECT)
@javax.ws.rs.Path("/")
@Consumes(MediaType.WILDCARD)
@Produces(PluginProtocol.MEDIA_TYPE)
public final class VolumeDriverResource implements PluginDriver {

    private final VolumeCalls volumes;

    /**
     * Creates the resource.
     *
     * @param volumes the driver requests go to
     */
    @Activate
    public VolumeDriverResource(@Reference VolumeCalls volumes) {
        this.volumes = volumes;
    }

    @Override
    public String dockerInterface() {
        return "VolumeDriver";
    }

    /**
     * Local scope: a volume's files live on the host that mounts it.
     *
     * @return {@code {Capabilities: {Scope: local}}}
     */
    @POST
    @Path("VolumeDriver.Capabilities")
    public String capabilities() {
        return PluginRequest.json(Map.of("Capabilities", Map.of("Scope", "local")));
    }

    /**
     * Creates a volume: issues its certificate set.
     *
     * @param body {@code {Name, Opts}}
     * @return {@code {Err: ""}}
     */
    @POST
    @Path("VolumeDriver.Create")
    public String create(byte[] body) {
        PluginRequest r = PluginRequest.parse("Create", body);
        String name = r.requiredString("Name");
        Map<String, String> options = r.options("Opts");
        refused(() -> {
            volumes.create(name, options);
            return null;
        });
        return ok();
    }

    /**
     * Removes a volume, and its certificate set with the last volume using it.
     *
     * @param body {@code {Name}}
     * @return {@code {Err: ""}}
     */
    @POST
    @Path("VolumeDriver.Remove")
    public String remove(byte[] body) {
        String name = PluginRequest.parse("Remove", body).requiredString("Name");
        refused(() -> {
            volumes.remove(name);
            return null;
        });
        return ok();
    }

    /**
     * Mounts a volume for one caller.
     *
     * @param body {@code {Name, ID}}
     * @return {@code {Mountpoint, Err: ""}}
     */
    @POST
    @Path("VolumeDriver.Mount")
    public String mount(byte[] body) {
        PluginRequest r = PluginRequest.parse("Mount", body);
        String name = r.requiredString("Name");
        String id = r.requiredString("ID");
        java.nio.file.Path dir = refused(() -> volumes.mount(name, id));
        return PluginRequest.json(Map.of("Mountpoint", dir.toString(), "Err", ""));
    }

    /**
     * Releases one caller's mount.
     *
     * @param body {@code {Name, ID}}
     * @return {@code {Err: ""}}
     */
    @POST
    @Path("VolumeDriver.Unmount")
    public String unmount(byte[] body) {
        PluginRequest r = PluginRequest.parse("Unmount", body);
        String name = r.requiredString("Name");
        String id = r.requiredString("ID");
        refused(() -> {
            volumes.unmount(name, id);
            return null;
        });
        return ok();
    }

    /**
     * Tells where a volume is mounted.
     *
     * @param body {@code {Name}}
     * @return {@code {Mountpoint, Err: ""}}, the mount point empty while it is not mounted
     */
    @POST
    @Path("VolumeDriver.Path")
    public String path(byte[] body) {
        String name = PluginRequest.parse("Path", body).requiredString("Name");
        String dir = refused(() -> {
            volumes.describe(name);
            return volumes.path(name).map(java.nio.file.Path::toString).orElse("");
        });
        return PluginRequest.json(Map.of("Mountpoint", dir, "Err", ""));
    }

    /**
     * Describes a volume.
     *
     * @param body {@code {Name}}
     * @return {@code {Volume: {Name, Mountpoint, CreatedAt, Status}, Err: ""}}
     */
    @POST
    @Path("VolumeDriver.Get")
    public String get(byte[] body) {
        String name = PluginRequest.parse("Get", body).requiredString("Name");
        Map<String, Object> volume = refused(() -> volumes.describe(name));
        return PluginRequest.json(Map.of("Volume", volume, "Err", ""));
    }

    /**
     * Lists the volumes of this host.
     *
     * @return {@code {Volumes: [{Name, Mountpoint}], Err: ""}}
     */
    @POST
    @Path("VolumeDriver.List")
    public String list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> v : refused(volumes::list)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Name", v.get("Name"));
            entry.put("Mountpoint", v.get("Mountpoint"));
            out.add(entry);
        }
        return PluginRequest.json(Map.of("Volumes", out, "Err", ""));
    }

    private static String ok() {
        return "{\"Err\":\"\"}";
    }

    private static <T> T refused(Supplier<T> call) {
        try {
            return call.get();
        } catch (VolumeRequestException e) {
            throw new PluginException(200, e.getMessage());
        } catch (StoreException e) {
            throw new PluginException(200, "Berth could not complete the request, its database failed: "
                    + e.getMessage());
        }
    }
}
