package org.hemowatch.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the store lives.
 *
 * @param url          JDBC URL, e.g. {@code jdbc:sqlite:/var/lib/hemowatch/hemowatch.db} or {@code jdbc:postgresql://db:5432/hemowatch}
 * @param user         database user (null for SQLite)
 * @param password     database password (null for SQLite); never printed by {@link #toString()}
 * @param readPoolSize number of pooled read connections, at least 1
 */
public record DatabaseConfig(String url, String user, String password, int readPoolSize) {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");

    public DatabaseConfig {
        if (url == null || url.isBlank()) {
            throw new StoreException("database URL is missing");
        }
        if (readPoolSize < 1) {
            throw new StoreException("readPoolSize must be at least 1, was " + readPoolSize);
        }
    }

    /** A SQLite file database with a small read pool. */
    public static DatabaseConfig sqlite(Path file) {
        return new DatabaseConfig("jdbc:sqlite:" + file.toAbsolutePath(), null, null, 4);
    }

    /** The URL with any {@code password=} parameter masked, safe for logs and error messages. */
    public String safeUrl() {
        return redact(url);
    }

    static String redact(String url) {
        return url == null ? null : PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "null" : "***")
                + ", readPoolSize=" + readPoolSize + "]";
    }
}
