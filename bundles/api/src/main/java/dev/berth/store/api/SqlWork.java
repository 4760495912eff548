package dev.berth.store.api;

import java.sql.Connection;
import java.sql.SQLException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Statements run inside one store transaction.
 *
 * @param <T> the result type
 */
@ConsumerType
@FunctionalInterface
public interface SqlWork<T> {

    /**
     * Runs the statements. Must not commit, roll back or close the connection.
     *
     * @param connection a connection in a SERIALIZABLE transaction
     * @return the result of the work
     * @throws SQLException to abort; a serialization failure makes the store retry
     */
    T run(Connection connection) throws SQLException;
}
