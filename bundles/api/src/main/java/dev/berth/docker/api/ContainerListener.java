package dev.berth.docker.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives Docker's container and network events. Register one as a service: the Docker bundle delivers
 * every event to every listener, in order, on one thread.
 */
@ConsumerType
public interface ContainerListener {

    /**
     * Handles an event. Must not block for long; a listener that throws is logged and kept.
     *
     * @param event the event
     */
    void handle(ContainerEvent event);
}
