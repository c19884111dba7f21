package org.hemowatch.store;

import java.util.function.Supplier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer's prepared statements, kept for reuse on its one connection (SQL text → statement), so a
 * write path that runs the same few statements per unit or per reading prepares each once per
 * connection, not once per call.
 *
 * <p>Contract: writer thread only; a statement handed out is valid until the writer replaces its
 * connection ({@link #of}), and the caller must not close it. Every statement is handed out with an
 * empty batch (a task that failed between {@code addBatch} and {@code executeBatch} leaves nothing
 * behind); callers bind every parameter on each use.
 */
final class StatementCache {

    /** No connection yet: the first {@link #of} makes the real cache. */
    static final StatementCache NONE = new StatementCache(null);

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Other state of the connection ({@link Tx#connectionState}), by type. */
    private final Map<Class<?>, Object> states = new HashMap<>();

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** This cache when it belongs to {@code c}; else a new one for {@code c} (this one's statements are closed). */
    StatementCache of(Connection c) {
        if (c == connection) {
            return this;
        }
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
        return new StatementCache(c);
    }

    /** The statement for {@code sql}, prepared on first use. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        } else {
            ps.clearBatch();
        }
        return ps;
    }

    /** The connection's state of {@code type}, made on first use. */
    <T> T state(Class<T> type, Supplier<T> create) {
        return type.cast(states.computeIfAbsent(type, t -> create.get()));
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // the connection is being replaced; its statements go with it
        }
    }
}
