package dev.berth.ipam.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A request for one address.
 *
 * @param poolId the pool
 * @param address the exact address asked for, or {@code null} for the next free one (or the schema's
 *     gateway address when {@code kind} is {@link AddressKind#GATEWAY})
 * @param kind what the address is for
 * @param note free text kept with the allocation, may be empty
 */
public record AddressRequest(String poolId, InetAddress address, AddressKind kind, String note) {

    /**
     * Checks the fields.
     *
     * @param poolId the pool
     * @param address the address or {@code null}
     * @param kind the kind
     * @param note the note
     */
    public AddressRequest {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(kind, "kind");
        note = note == null ? "" : note;
    }
}
