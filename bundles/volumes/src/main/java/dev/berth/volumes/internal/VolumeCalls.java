package dev.berth.volumes.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The volume driver's operations as the plugin resource calls them. Refusals are
 * {@link VolumeRequestException}s whose message Docker shows the user.
 */
public interface VolumeCalls {

    /**
     * Creates a volume.
     *
     * @param name the volume name
     * @param options the options of {@code docker volume create -o}
     */
    void create(String name, Map<String, String> options);

    /**
     * Removes a volume.
     *
     * @param name the volume name
     */
    void remove(String name);

    /**
     * Mounts a volume for a caller.
     *
     * @param name the volume name
     * @param callerId Docker's ID of the caller
     * @return the mount point
     */
    Path mount(String name, String callerId);

    /**
     * Releases a caller's mount.
     *
     * @param name the volume name
     * @param callerId Docker's ID of the caller
     */
    void unmount(String name, String callerId);

    /**
     * Tells where a volume is mounted.
     *
     * @param name the volume name
     * @return the mount point, empty while nobody holds it mounted
     */
    Optional<Path> path(String name);

    /**
     * Describes a volume as {@code VolumeDriver.Get} answers.
     *
     * @param name the volume name
     * @return {@code Name}, {@code Mountpoint}, {@code CreatedAt} and {@code Status}
     */
    Map<String, Object> describe(String name);

    /**
     * Describes every volume of this host.
     *
     * @return as {@link #describe(String)}, by name
     */
    List<Map<String, Object>> list();
}
