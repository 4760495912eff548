package dev.berth.plugin.internal;

import org.apache.karaf.features.BootFinished;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says, once Karaf has installed its boot features and the socket is up, that Berth is ready and where. */
@Component(immediate = true)
public final class ReadyAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyAnnouncer.class);

    /**
     * Logs the ready line.
     *
     * @param socket the plugin socket
     * @param drivers the drivers being served
     * @param boot present once the boot features are installed
     */
    @Activate
    public ReadyAnnouncer(@Reference PluginSocket socket, @Reference PluginDrivers drivers,
            @Reference BootFinished boot) {
        LOG.info("Berth is ready: Docker plugin socket {} serves {}", socket.path(),
                drivers.interfaces().isEmpty() ? "no driver yet" : String.join(", ", drivers.interfaces()));
    }
}
