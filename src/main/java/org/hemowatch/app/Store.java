package org.hemowatch.app;

import org.hemowatch.domain.Backoff;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.store.PrivateFiles;
import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.Dialect;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.WriterListener;
import org.hemowatch.app.config.HemowatchConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The open store: the database and its one group-commit writer. {@link #open} fails with a
 * {@link StartupFailure} naming what to change when the data directory cannot be written or the
 * database cannot be reached; a PostgreSQL server that refuses connections is retried with
 * {@link #CONNECT_RETRY} first (it may be starting alongside us).
 */
record Store(Database database, GroupCommitWriter writer) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    /** Retries of a database that refuses connections: 0.5, 1, 2, 4 s, then give up (about 8 s in all). */
    static final Backoff CONNECT_RETRY = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(8));
    private static final Pattern PG_HOST = Pattern.compile("^jdbc:postgresql://([^/?]*)");

    /** Blocking: call from a worker or the main thread. */
    static Store open(HemowatchConfig config, HemowatchMetrics metrics) {
        checkWritable(config.dataPath());
        DatabaseConfig db = new DatabaseConfig(config.jdbcUrl(), config.db().user(), config.db().password(), config.db().readPoolSize());
        Database database = openWithRetry(db);
        GroupCommitWriter writer = new GroupCommitWriter(database, config.db().maxBatch(), new WriterListener() {
            @Override
            public void batchCommitted(int tasks, long commitNanos) {
                metrics.batchCommitted(tasks, commitNanos);
            }

            @Override
            public void batchFailed(int tasks, Throwable cause) {
                metrics.batchFailed();
                LOG.error("a batch of {} writes failed to commit; none of them was acknowledged", tasks, cause);
            }
        });
        metrics.registry().gauge(MetricNames.STORE_QUEUE, writer, GroupCommitWriter::queueDepth);
        return new Store(database, writer);
    }

    /** The data directory holds the SQLite file and the admin key: it must exist (or be creatable) and take a file. */
    static void checkWritable(Path dir) {
        Path abs = dir.toAbsolutePath();
        try {
            PrivateFiles.directory(abs); // 0700 when it is created here
            PrivateFiles.tighten(abs); // and when an older build left it (or its files) readable by others
            Path probe = Files.createTempFile(abs, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupFailure("data directory " + abs + " cannot be written (" + describe(e)
                    + "): set HEMOWATCH_DATA_DIR or dataDir to a writable directory", e);
        }
    }

    private static Database openWithRetry(DatabaseConfig db) {
        long first = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return Database.open(db);
            } catch (RuntimeException e) {
                if (!refused(e)) {
                    throw e;
                }
                Optional<Duration> wait = CONNECT_RETRY.next(attempt, Duration.ofNanos(System.nanoTime() - first));
                if (wait.isEmpty()) {
                    throw new StartupFailure("cannot connect to " + server(db.url()) + " (" + ListenerFailures.rootMessage(e)
                            + ") after " + attempt + " attempts: start the database there, or set HEMOWATCH_DB_URL or db.url", e);
                }
                LOG.warn("cannot connect to {} ({}); retrying in {} ms", server(db.url()), ListenerFailures.rootMessage(e), wait.get().toMillis());
                sleep(wait.get());
            }
        }
    }

    /** Connection refused, host unknown or unreachable, or a SQL state of class 08 (connection exception). */
    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** {@code PostgreSQL at db.example:5432} from a JDBC URL (the default port when none is given). */
    static String server(String url) {
        if (Dialect.fromUrl(url) != Dialect.POSTGRESQL) {
            return "the database";
        }
        Matcher m = PG_HOST.matcher(url);
        String hosts = m.find() ? m.group(1) : "";
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        if (!hosts.contains(":") && !hosts.contains(",")) {
            hosts += ":5432";
        }
        return "PostgreSQL at " + hosts;
    }

    private static String describe(Exception e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "AccessDeniedException" -> "permission denied";
            case "FileAlreadyExistsException", "FileSystemException", "NotDirectoryException" -> "a file is in the way: " + e.getMessage();
            default -> e.getMessage() != null ? name + ": " + e.getMessage() : name;
        };
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted while waiting for the database", e);
        }
    }

    /** Drains the writer, then closes the database. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            database.close();
        }
    }
}
