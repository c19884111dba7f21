package org.hemowatch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 2 to 4 of {@link GroupCommitWriter}'s contract for one batch: each task in its own
 * SAVEPOINT of one transaction, one COMMIT, then the commit hooks, the listener and the futures in
 * submission order; when the transaction fails, all of it rolled back, the rollback hooks run
 * newest first and every future failed. Owns the write connection, re-opened after a failure
 * left it in doubt. Writer thread only (after construction).
 */
final class BatchRunner implements AutoCloseable {

    /** The writer's logger: its batches log as the writer. */
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final Database db;
    private final WriterListener listener;
    private final AtomicInteger outstanding;
    private Connection connection;
    private boolean connectionSuspect;
    private StatementCache statements = StatementCache.NONE; // of the current connection

    /**
     * Opens the write connection.
     *
     * @param outstanding the writer's count of submitted tasks whose futures have not completed, decremented here as they complete
     */
    BatchRunner(Database db, WriterListener listener, AtomicInteger outstanding) throws SQLException {
        this.db = db;
        this.listener = listener;
        this.outstanding = outstanding;
        this.connection = openConnection();
    }

    void execute(List<PendingWrite<?>> batch) {
        long start = System.nanoTime();
        Connection c;
        try {
            c = usableConnection();
        } catch (SQLException e) {
            abort(batch, null, e);
            return;
        }
        for (PendingWrite<?> p : batch) {
            if (!runInSavepoint(c, p)) {
                abort(batch, c, p.batchFailure);
                return;
            }
        }
        try {
            c.commit();
        } catch (SQLException e) {
            abort(batch, c, e);
            return;
        }
        long nanos = System.nanoTime() - start;
        for (PendingWrite<?> p : batch) {
            if (p.error == null) {
                p.tx.runCommitHooks();
            }
        }
        try {
            listener.batchCommitted(batch.size(), nanos);
        } catch (RuntimeException e) {
            log.warn("writer listener failed", e);
        }
        for (PendingWrite<?> p : batch) {
            outstanding.decrementAndGet();
            p.finish(null);
        }
    }

    /**
     * Runs one task in its own savepoint. Returns false when the transaction as a whole is no longer
     * usable (savepoint could not be set or rolled back), with the cause in {@code p.batchFailure}.
     */
    private boolean runInSavepoint(Connection c, PendingWrite<?> p) {
        p.tx = new WriterTx(c, db.dialect(), statements = statements.of(c));
        Savepoint sp;
        try {
            sp = c.setSavepoint();
        } catch (SQLException e) {
            p.batchFailure = e;
            return false;
        }
        try {
            p.run();
            c.releaseSavepoint(sp);
            return true;
        } catch (Throwable t) {
            // also covers a task that swallowed an SQL error: PostgreSQL then refuses RELEASE
            p.error = t;
        }
        try {
            c.rollback(sp);
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            p.batchFailure = e;
            return false;
        }
        p.rolledBack();
        return true;
    }

    /** Rolls back the whole transaction and fails every future of the batch. */
    private void abort(List<PendingWrite<?>> batch, Connection c, Throwable cause) {
        connectionSuspect = true;
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
        StoreException failure = new StoreException("transaction of " + batch.size()
                + " write(s) rolled back: " + cause.getMessage(), cause);
        // undo in reverse: a later task may have built on what an earlier one did
        for (int i = batch.size() - 1; i >= 0; i--) {
            batch.get(i).rolledBack();
        }
        try {
            listener.batchFailed(batch.size(), cause);
        } catch (RuntimeException e) {
            log.warn("writer listener failed", e);
        }
        log.warn("writer batch of {} rolled back: {}", batch.size(), cause.toString());
        failRemaining(batch, failure);
    }

    void failRemaining(List<PendingWrite<?>> batch, StoreException failure) {
        for (PendingWrite<?> p : batch) {
            if (!p.future.isDone()) {
                outstanding.decrementAndGet();
                p.finish(failure);
            }
        }
    }

    private Connection usableConnection() throws SQLException {
        if (connectionSuspect) {
            if (connection != null && Database.isValid(connection)) {
                connectionSuspect = false;
                return connection;
            }
            if (connection != null) {
                Database.closeQuietly(connection);
                connection = null;
            }
            connection = openConnection();
            connectionSuspect = false;
            log.info("writer reconnected to {}", db.config().safeUrl());
        }
        return connection;
    }

    private Connection openConnection() throws SQLException {
        Connection c = db.openWriteConnection();
        try {
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            Database.closeQuietly(c);
            throw e;
        }
    }

    /** Closes the write connection. */
    @Override
    public void close() {
        Database.closeQuietly(connection);
    }
}
