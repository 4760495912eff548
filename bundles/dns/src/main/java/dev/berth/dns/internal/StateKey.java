package dev.berth.dns.internal;

/** Identifies one published object, the unit in which the registry's state is saved to the store. */
sealed interface StateKey {

    /**
     * A network.
     *
     * @param id the network ID
     */
    record Network(String id) implements StateKey {
    }

    /**
     * An endpoint.
     *
     * @param id the endpoint ID
     */
    record Endpoint(String id) implements StateKey {
    }

    /**
     * A container's labels.
     *
     * @param containerId the container ID
     */
    record Labels(String containerId) implements StateKey {
    }

    /**
     * A static record.
     *
     * @param name the absolute lower-case owner name
     * @param type the type mnemonic
     * @param data the record data in presentation form
     */
    record Static(String name, String type, String data) implements StateKey {
    }
}
