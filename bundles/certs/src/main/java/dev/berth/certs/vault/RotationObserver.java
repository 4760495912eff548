package dev.berth.certs.vault;

/** Told after each durable step of a master key rotation. */
@FunctionalInterface
public interface RotationObserver {

    /** Observes nothing. */
    RotationObserver NONE = (step, name) -> { };

    /** The durable steps. */
    enum Step {
        /** The journal with both keys cross-wrapped is on disk. */
        JOURNAL_WRITTEN,
        /** One file is re-sealed under the new key. */
        FILE_RESEALED,
        /** The new key is persisted where Berth reads it from. */
        KEY_COMMITTED,
        /** The verifier is sealed under the new key. */
        VERIFIER_WRITTEN
    }

    /**
     * Called after a step.
     *
     * @param step the step
     * @param name the file re-sealed, or empty
     */
    void reached(Step step, String name);
}
