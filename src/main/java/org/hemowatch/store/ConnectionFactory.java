package org.hemowatch.store;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;

/**
 * Opens connections with the dialect's durability settings. Also a minimal {@link DataSource} so
 * Flyway migrates through exactly the same settings.
 */
final class ConnectionFactory implements DataSource {

    /** How long a SQLite connection waits for a lock held by another connection before failing. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
    private static final int PG_CONNECT_TIMEOUT_S = 10;

    private final DatabaseConfig cfg;
    private final Dialect dialect;
    private final Properties properties;

    ConnectionFactory(DatabaseConfig cfg, Dialect dialect) {
        this.cfg = cfg;
        this.dialect = dialect;
        this.properties = dialect == Dialect.SQLITE ? sqliteProperties() : postgresProperties(cfg);
    }

    private static Properties sqliteProperties() {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the WAL is fsynced at every commit, so an acknowledged write survives power loss
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        c.enforceForeignKeys(true);
        // nothing reads generated keys: without this every INSERT/UPDATE runs a second statement for them
        c.setGetGeneratedKeys(false);
        return c.toProperties();
    }

    private static Properties postgresProperties(DatabaseConfig cfg) {
        Properties p = new Properties();
        if (cfg.user() != null) {
            p.setProperty("user", cfg.user());
        }
        if (cfg.password() != null) {
            p.setProperty("password", cfg.password());
        }
        p.setProperty("ApplicationName", "hemowatch");
        p.setProperty("connectTimeout", Integer.toString(PG_CONNECT_TIMEOUT_S));
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    /**
     * Creates the parent directory of a SQLite file URL. In-memory SQLite is refused: every
     * connection would see its own empty database.
     */
    static Path prepareSqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        String lower = url.toLowerCase(Locale.ROOT);
        if (path.isBlank() || path.equals(":memory:") || lower.contains("mode=memory")) {
            throw new StoreException("in-memory SQLite is not supported (" + DatabaseConfig.redact(url)
                    + "): give a file path, e.g. jdbc:sqlite:/var/lib/hemowatch/hemowatch.db");
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        Path file = Path.of(path).toAbsolutePath();
        Path parent = file.getParent();
        try {
            PrivateFiles.directory(parent);
        } catch (Exception e) {
            throw new StoreException("cannot create directory " + parent + " for database " + DatabaseConfig.redact(url), e);
        }
        try {
            // the database file 0600 before SQLite opens it (its WAL and SHM files inherit the mode)
            PrivateFiles.file(file);
            PrivateFiles.tightenFiles(file, Path.of(file + "-wal"), Path.of(file + "-shm")); // left wider by an older build
        } catch (Exception e) {
            throw new StoreException("cannot create " + file + " for database " + DatabaseConfig.redact(url), e);
        }
        return Path.of(path).toAbsolutePath();
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(cfg.url(), properties);
    }

    /** A connection for reads: auto-commit, and refuses writes so nothing bypasses the writer. */
    Connection openForRead() throws SQLException {
        Connection c = open();
        try {
            try (Statement st = c.createStatement()) {
                // PgJDBC's setReadOnly only acts inside explicit transactions; the session default covers auto-commit too
                st.execute(dialect == Dialect.SQLITE ? "PRAGMA query_only = ON"
                        : "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return open();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from DatabaseConfig");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
