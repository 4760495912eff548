package dev.berth.net.api;

import java.util.List;

/**
 * What a reconcile changed in the kernel.
 *
 * @param created objects recreated because the store has them and the kernel did not
 * @param removed objects Berth owned that the store no longer knows
 */
public record ReconcileReport(List<String> created, List<String> removed) {

    /**
     * Copies the lists.
     *
     * @param created the created objects
     * @param removed the removed objects
     */
    public ReconcileReport {
        created = List.copyOf(created);
        removed = List.copyOf(removed);
    }

    /**
     * Tells whether nothing had to change.
     *
     * @return {@code true} when the kernel already matched the store
     */
    public boolean unchanged() {
        return created.isEmpty() && removed.isEmpty();
    }
}
