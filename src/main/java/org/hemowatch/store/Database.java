package org.hemowatch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open, migrated store database: a small pool of read connections plus the ability to open
 * the single write connection used by {@link GroupCommitWriter}.
 *
 * <p>Reads are blocking JDBC calls; callers run them on a worker thread, never on an event loop.
 * Writes never go through this class directly: all of them go through one {@link GroupCommitWriter}.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final long READ_WAIT_SECONDS = 30;

    private final DatabaseConfig cfg;
    private final Dialect dialect;
    private final ConnectionFactory connections;
    private final BlockingQueue<Connection> readPool;
    /** Pool slots whose connection was lost and could not be re-opened yet. */
    private final AtomicInteger missing = new AtomicInteger();
    private volatile boolean open = true;
    /** SQLite only: this process's claim on the file (null on PostgreSQL). */
    private final SqliteFileLock lock;

    private Database(DatabaseConfig cfg, Dialect dialect, ConnectionFactory connections, List<Connection> readers,
                     SqliteFileLock lock) {
        this.lock = lock;
        this.cfg = cfg;
        this.dialect = dialect;
        this.connections = connections;
        this.readPool = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    /**
     * Opens the database: creates the parent directory of a SQLite file, applies the durability
     * settings, runs the Flyway migrations of the dialect and fills the read pool.
     *
     * @throws StoreException naming the URL (without password) when any of that fails
     */
    public static Database open(DatabaseConfig cfg) {
        Dialect dialect = Dialect.fromUrl(cfg.url());
        SqliteFileLock lock = dialect == Dialect.SQLITE ? SqliteFileLock.acquire(ConnectionFactory.prepareSqliteFile(cfg.url())) : null;
        try {
            return open(cfg, dialect, lock);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    private static Database open(DatabaseConfig cfg, Dialect dialect, SqliteFileLock lock) {
        ConnectionFactory factory = new ConnectionFactory(cfg, dialect);
        try {
            Flyway.configure()
                    .dataSource(factory)
                    .locations(dialect.migrationLocation())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot open or migrate database " + cfg.safeUrl() + ": " + rootMessage(e), e);
        }
        List<Connection> readers = new ArrayList<>();
        try {
            for (int i = 0; i < cfg.readPoolSize(); i++) {
                readers.add(factory.openForRead());
            }
        } catch (SQLException e) {
            readers.forEach(Database::closeQuietly);
            throw new StoreException("cannot open read connections to " + cfg.safeUrl() + ": " + e.getMessage(), e);
        }
        log.info("store opened: {} ({} read connections)", cfg.safeUrl(), readers.size());
        return new Database(cfg, dialect, factory, readers, lock);
    }

    public Dialect dialect() {
        return dialect;
    }

    public DatabaseConfig config() {
        return cfg;
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * A connection of its own (auto-commit, not pooled) for a long-lived session such as
     * PostgreSQL {@code LISTEN}; the caller closes it.
     */
    Connection openSessionConnection() throws SQLException {
        return connections.open();
    }

    /**
     * Runs {@code f} on a pooled read connection (auto-commit, write-protected) and returns its result.
     * Blocks while all read connections are busy (up to 30 s). When {@code f} fails because the
     * connection broke (server restart), the connection is replaced and {@code f} retried once.
     *
     * @throws StoreException when the database is closed, no connection became free, or {@code f} threw {@link SQLException}
     */
    public <R> R read(SqlFunction<Connection, R> f) {
        Connection c = borrow();
        try {
            return f.apply(c);
        } catch (SQLException e) {
            if (isValid(c)) {
                throw readFailed(e);
            }
            // the server restarted or dropped us: reads are idempotent, so retry once on a fresh connection
            Connection fresh = replacement(c);
            c = fresh;
            if (fresh == null) {
                throw readFailed(e);
            }
            try {
                return f.apply(fresh);
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw readFailed(again);
            }
        } finally {
            giveBack(c);
        }
    }

    private StoreException readFailed(SQLException e) {
        return new StoreException("read failed on " + cfg.safeUrl() + ": " + e.getMessage(), e);
    }

    private Connection borrow() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READ_WAIT_SECONDS);
        try {
            while (true) {
                if (!open) {
                    throw new StoreException("database " + cfg.safeUrl() + " is closed");
                }
                if (takeMissingSlot()) {
                    try {
                        return connections.openForRead();
                    } catch (SQLException e) {
                        missing.incrementAndGet();
                        throw new StoreException("cannot connect to " + cfg.safeUrl() + ": " + e.getMessage(), e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreException("no read connection became free within " + READ_WAIT_SECONDS + " s");
                }
                Connection c = readPool.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                if (c != null) {
                    return c;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
    }

    private boolean takeMissingSlot() {
        int n;
        do {
            n = missing.get();
            if (n == 0) {
                return false;
            }
        } while (!missing.compareAndSet(n, n - 1));
        return true;
    }

    private void giveBack(Connection c) {
        if (c == null) {
            return;
        }
        if (!open) {
            closeQuietly(c);
            return;
        }
        readPool.offer(c);
        if (!open && readPool.remove(c)) {
            closeQuietly(c);
        }
    }

    /**
     * A fresh read connection in place of a broken one (which is closed), or null when the database
     * is unreachable; the slot is then re-opened by a later {@link #borrow()}.
     */
    private Connection replacement(Connection broken) {
        closeQuietly(broken);
        try {
            return connections.openForRead();
        } catch (SQLException e) {
            missing.incrementAndGet();
            log.warn("cannot replace broken read connection to {}: {}", cfg.safeUrl(), e.getMessage());
            return null;
        }
    }

    /** Opens a new connection with the dialect's settings, for the writer. The caller owns and closes it. */
    Connection openWriteConnection() throws SQLException {
        if (!open) {
            throw new SQLException("database " + cfg.safeUrl() + " is closed");
        }
        return connections.open();
    }

    /** Closes the read pool. Close the {@link GroupCommitWriter} first. Idempotent. */
    @Override
    public void close() {
        open = false;
        Connection c;
        while ((c = readPool.poll()) != null) {
            closeQuietly(c);
        }
        if (lock != null) {
            lock.close();
        }
    }

    static boolean isValid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("closing connection failed", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return DatabaseConfig.redact(m);
    }
}
