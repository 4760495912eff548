package dev.berth.volumes.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The certificate volumes of this host, as the volume driver keeps them. */
@ProviderType
public interface CertificateVolumes {

    /**
     * Lists the volumes of this host.
     *
     * @return the volumes, by name
     */
    List<VolumeInfo> volumes();

    /**
     * Describes one volume.
     *
     * @param name the Docker volume name
     * @return the volume, or empty when this host has none of that name
     */
    Optional<VolumeInfo> volume(String name);

    /**
     * Reads the volume's certificate set from the certificate manager now and, when it changed, replaces the
     * files of the mounted volume and signals the containers using it. Renews the set first when it is due.
     *
     * @param name the Docker volume name
     * @return whether the files were replaced
     * @throws IllegalArgumentException when there is no such volume
     * @throws IllegalStateException when the certificate manager cannot be reached or refuses, with the reason
     */
    boolean refresh(String name);

    /**
     * Describes the driver: its identity at the certificate manager and how it reaches it.
     *
     * @return the status
     */
    DriverStatus status();
}
