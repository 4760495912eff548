package dev.berth.volumes.internal;

import java.io.IOException;
import java.nio.file.Path;

/** The host's mounts, as far as the driver needs them: memory-backed filesystems at its mount points. */
interface MountTable {

    /**
     * Tells whether a tmpfs is mounted exactly at a path.
     *
     * @param path the mount point
     * @return whether it is
     * @throws IOException when the mount table cannot be read
     */
    boolean isMounted(Path path) throws IOException;

    /**
     * Mounts a new tmpfs at an existing directory.
     *
     * @param path the mount point
     * @param size its size, for example {@code 1m}
     * @param mode the permissions of its root
     * @param uid the owner of its root
     * @param gid the group of its root
     * @throws IOException when mounting fails
     */
    void mount(Path path, String size, int mode, int uid, int gid) throws IOException;

    /**
     * Unmounts the tmpfs at a path; its files are gone with it.
     *
     * @param path the mount point
     * @throws IOException when unmounting fails
     */
    void unmount(Path path) throws IOException;
}
