package dev.berth.volumes.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.docker.api.Container;
import dev.berth.docker.api.DockerEngine;
import dev.berth.docker.api.DockerException;

/**
 * After a volume's files were replaced, sends each running container that uses it the signal its reload label
 * names ({@code berth.certs.reload=SIGHUP}), through the Docker Engine API.
 */
final class ContainerSignals {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerSignals.class);
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z0-9+-]{1,12}|[0-9]{1,2}");

    private final Supplier<DockerEngine> docker;
    private final String label;

    ContainerSignals(Supplier<DockerEngine> docker, String label) {
        this.docker = docker;
        this.label = label;
    }

    /**
     * Lists the containers using a volume.
     *
     * @param volume the volume
     * @return the containers, or none when Docker cannot be asked
     */
    List<Container> using(String volume) {
        DockerEngine engine = docker.get();
        if (engine == null) {
            return List.of();
        }
        try {
            return engine.containersUsingVolume(volume);
        } catch (DockerException e) {
            LOG.warn("Cannot list the containers using volume {}: {}", volume, e.getMessage());
            return List.of();
        }
    }

    /**
     * Signals the running containers of a volume that ask for it.
     *
     * @param volume the volume whose files were replaced
     * @return the containers signalled, as {@code name:SIGNAL}
     */
    List<String> reload(String volume) {
        DockerEngine engine = docker.get();
        List<String> sent = new ArrayList<>();
        for (Container c : using(volume)) {
            String signal = c.labels().get(label);
            if (!c.running() || signal == null || signal.isBlank()) {
                continue;
            }
            String s = signal.trim().toUpperCase(Locale.ROOT);
            if (!SIGNAL.matcher(s).matches()) {
                LOG.warn("Container {} asks for signal '{}' in {}, which is not a signal name", c.name(), signal, label);
                continue;
            }
            try {
                engine.signal(c.id(), s);
                sent.add(c.name() + ":" + s);
            } catch (DockerException e) {
                LOG.warn("Could not send {} to container {} after volume {} changed: {}", s, c.name(), volume,
                        e.getMessage());
            }
        }
        if (!sent.isEmpty()) {
            LOG.info("Signalled {} after the certificate of volume {} changed", sent, volume);
        }
        return sent;
    }
}
