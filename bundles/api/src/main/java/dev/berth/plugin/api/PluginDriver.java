package dev.berth.plugin.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A Docker plugin interface served on Berth's plugin socket.
 *
 * <p>A driver bundle registers its JAX-RS resource as this service, selecting the
 * {@value PluginProtocol#APPLICATION_NAME} application; {@code /Plugin.Activate} lists the interfaces of
 * the drivers registered at the moment it is called, so a driver that is stopped disappears from it.
 */
@ConsumerType
public interface PluginDriver {

    /**
     * Names the Docker plugin interface this driver implements.
     *
     * @return {@code "IpamDriver"}, {@code "NetworkDriver"} or {@code "VolumeDriver"}
     */
    String dockerInterface();
}
