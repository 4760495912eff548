package dev.berth.dns.api;

import java.util.Map;
import java.util.Objects;

/**
 * A container's labels, of which the {@code berth.dns.*} ones define DNS records.
 *
 * @param containerId the container's ID
 * @param containerName the container's name, without Docker's leading slash
 * @param labels all the container's labels; those that concern no DNS record are ignored
 */
public record ContainerLabels(String containerId, String containerName, Map<String, String> labels) {

    /**
     * Validates the fields, strips a leading slash from the container name and copies the map.
     *
     * @param containerId the container ID
     * @param containerName the container name
     * @param labels the labels
     */
    public ContainerLabels {
        if (Objects.requireNonNull(containerId, "containerId").isBlank()) {
            throw new IllegalArgumentException("containerId must not be blank");
        }
        if (Objects.requireNonNull(containerName, "containerName").isBlank()) {
            throw new IllegalArgumentException("containerName must not be blank");
        }
        containerName = containerName.startsWith("/") ? containerName.substring(1) : containerName;
        labels = Map.copyOf(labels);
    }
}
