package dev.berth.store.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one database every Berth bundle keeps its state in.
 *
 * <p>Concurrency is by SERIALIZABLE transactions and unique constraints, never by locks: work passed to
 * {@link #transaction(SqlWork)} may run more than once, so it must not have side effects outside the
 * connection it is given.
 */
@ProviderType
public interface Store {

    /**
     * Runs {@code work} in one SERIALIZABLE transaction and commits it before returning, retrying the
     * whole transaction when the database reports a serialization failure or a deadlock.
     *
     * @param work the statements to run; may be called several times
     * @param <T> what the work returns
     * @return the value returned by the attempt that committed
     * @throws StoreException when the database cannot be reached, the retries are exhausted, or the work
     *     throws (the transaction is then rolled back and the work's exception is the cause)
     */
    <T> T transaction(SqlWork<T> work);

    /**
     * Applies the versioned migrations of one component that the database has not seen yet, each in its
     * own transaction, in version order. Safe to call from several processes at once.
     *
     * @param component the owner of the migrations, for example {@code "ipam"}
     * @param migrations the component's complete migration history
     * @return how many migrations were applied by this call
     * @throws StoreException when a migration fails; the versions before it stay applied
     */
    int migrate(String component, List<Migration> migrations);

    /**
     * Describes the database in use, for operators.
     *
     * @return where the store is and whether Berth runs it itself
     */
    StoreStatus status();
}
