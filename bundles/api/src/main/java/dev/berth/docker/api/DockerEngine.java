package dev.berth.docker.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The local Docker engine, through its API socket ({@code /var/run/docker.sock}). */
@ProviderType
public interface DockerEngine {

    /**
     * Lists every container, running or not.
     *
     * @return the containers
     * @throws DockerException when the engine cannot be reached or refuses
     */
    List<Container> containers();

    /**
     * Inspects one container.
     *
     * @param idOrName its ID, a unique prefix of it, or its name
     * @return the container, or empty when there is none
     * @throws DockerException when the engine cannot be reached or refuses
     */
    Optional<Container> container(String idOrName);

    /**
     * Names every network Docker knows.
     *
     * @return network names by network ID
     * @throws DockerException when the engine cannot be reached or refuses
     */
    java.util.Map<String, String> networkNames();

    /**
     * Connects a container to a network (before it starts, or while it runs).
     *
     * @param network the network's ID or name
     * @param containerId the container
     * @throws DockerException when Docker refuses
     */
    void connect(String network, String containerId);

    /**
     * Disconnects a container from a network.
     *
     * @param network the network's ID or name
     * @param containerId the container
     * @throws DockerException when Docker refuses
     */
    void disconnect(String network, String containerId);

    /**
     * Lists the containers, running or not, that use a volume.
     *
     * @param volume the volume's name
     * @return the containers
     * @throws DockerException when the engine cannot be reached or refuses
     */
    List<Container> containersUsingVolume(String volume);

    /**
     * Sends a signal to a running container.
     *
     * @param containerId the container
     * @param signal for example {@code SIGHUP}
     * @throws DockerException when Docker refuses
     */
    void signal(String containerId, String signal);
}
