package org.hemowatch.store;

import java.util.Locale;

/** The SQL databases Hemowatch can store into. */
public enum Dialect {
    /** Embedded default: one SQLite file, used by a single Hemowatch process. */
    SQLITE("jdbc:sqlite:", "sqlite"),
    /** Production: a PostgreSQL server, reached by URL. */
    POSTGRESQL("jdbc:postgresql:", "postgresql");

    private final String urlPrefix;
    private final String migrationFolder;

    Dialect(String urlPrefix, String migrationFolder) {
        this.urlPrefix = urlPrefix;
        this.migrationFolder = migrationFolder;
    }

    /** Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /**
     * The dialect of a JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}, case-insensitive prefix).
     *
     * @throws StoreException for a null URL or any other database
     */
    public static Dialect fromUrl(String jdbcUrl) {
        if (jdbcUrl != null) {
            String lower = jdbcUrl.trim().toLowerCase(Locale.ROOT);
            for (Dialect d : values()) {
                if (lower.startsWith(d.urlPrefix)) {
                    return d;
                }
            }
        }
        throw new StoreException("unsupported database URL '" + DatabaseConfig.redact(jdbcUrl)
                + "': expected jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<db>");
    }
}
