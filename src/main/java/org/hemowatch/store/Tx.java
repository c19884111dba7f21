package org.hemowatch.store;

import java.util.function.Supplier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The transaction a {@link WriteTask} runs in. Hooks run on the writer thread, so they must be
 * quick and must not block (update an in-memory view, hand off to another executor); an exception
 * thrown by a hook is logged and otherwise ignored.
 */
public interface Tx {
    /** The writer's connection; only valid during {@link WriteTask#apply}. Do not commit or close it. */
    Connection connection();

    Dialect dialect();

    /**
     * A prepared statement of the writer's connection, kept for reuse across tasks: do not close it,
     * and bind every parameter on each use (it comes with an empty batch).
     */
    PreparedStatement prepared(String sql) throws SQLException;

    /**
     * State kept with the writer's connection, one instance per type, made by {@code create} on first use
     * and dropped when the writer replaces its connection (as its prepared statements are). Writer thread only.
     */
    <T> T connectionState(Class<T> type, Supplier<T> create);

    /** Runs after the batch containing this task has committed, before any future of that batch completes. */
    void afterCommit(Runnable hook);

    /**
     * Runs when this task's changes were rolled back: the task threw, or the whole batch failed to
     * commit. Rollback hooks run as an undo log: newest first within a task, last task first within a batch.
     */
    void afterRollback(Runnable hook);
}
