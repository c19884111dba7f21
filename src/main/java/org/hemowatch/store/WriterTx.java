package org.hemowatch.store;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The {@link Tx} of one write task on the writer's connection, with the task's hooks. */
final class WriterTx implements Tx {

    private static final Logger LOG = LoggerFactory.getLogger(WriterTx.class);

    private final Connection connection;
    private final Dialect dialect;
    private final List<Runnable> afterCommit = new ArrayList<>(2);
    private final List<Runnable> afterRollback = new ArrayList<>(2);

    private final StatementCache statements;

    WriterTx(Connection connection, Dialect dialect, StatementCache statements) {
        this.connection = connection;
        this.dialect = dialect;
        this.statements = statements;
    }

    @Override
    public PreparedStatement prepared(String sql) throws SQLException {
        return statements.get(sql);
    }

    @Override
    public <T> T connectionState(Class<T> type, Supplier<T> create) {
        return statements.state(type, create);
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void afterCommit(Runnable hook) {
        afterCommit.add(Objects.requireNonNull(hook, "hook"));
    }

    @Override
    public void afterRollback(Runnable hook) {
        afterRollback.add(Objects.requireNonNull(hook, "hook"));
    }

    /** Commit hooks in the order they were registered. */
    void runCommitHooks() {
        afterCommit.forEach(WriterTx::runQuietly);
    }

    /** Rollback hooks as an undo log: newest first. */
    void runRollbackHooks() {
        for (int i = afterRollback.size() - 1; i >= 0; i--) {
            runQuietly(afterRollback.get(i));
        }
    }

    private static void runQuietly(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.warn("writer hook failed", e);
        }
    }
}
