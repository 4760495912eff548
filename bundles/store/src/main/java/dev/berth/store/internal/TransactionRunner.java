package dev.berth.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import dev.berth.store.api.SqlWork;
import dev.berth.store.api.StoreException;

/**
 * Runs work in SERIALIZABLE transactions and retries it on serialization failure, as PostgreSQL and
 * CockroachDB both require of their clients.
 */
final class TransactionRunner {

    /** serialization_failure and deadlock_detected: the transaction may succeed when run again. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

    private final DataSource dataSource;
    private final int maxAttempts;

    TransactionRunner(DataSource dataSource, int maxAttempts) {
        this.dataSource = dataSource;
        this.maxAttempts = maxAttempts;
    }

    <T> T run(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException e) {
                    rollback(connection, e);
                    if (!isRetryable(e) || attempt >= maxAttempts) {
                        throw new StoreException(describe(e, attempt), e);
                    }
                } catch (RuntimeException | Error e) {
                    rollback(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw new StoreException("cannot reach the database: " + e.getMessage(), e);
            }
            backOff(attempt);
        }
    }

    static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && RETRYABLE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(SQLException e, int attempt) {
        return isRetryable(e) ? "transaction kept conflicting with concurrent ones (" + attempt + " attempts): "
                + e.getMessage() : "database error: " + e.getMessage();
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Randomized exponential back-off so that conflicting transactions stop colliding. */
    private static void backOff(int attempt) {
        long capMicros = Math.min(100_000L, 500L << Math.min(attempt, 10));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(capMicros) * 1_000L);
    }
}
