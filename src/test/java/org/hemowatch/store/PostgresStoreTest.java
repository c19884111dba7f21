package org.hemowatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server (embedded, started once for the class; one database per test). */
class PostgresStoreTest extends StoreContract {

    private static EmbeddedPostgres pg;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected DatabaseConfig newDatabase() throws Exception {
        String name = "hemowatch_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new DatabaseConfig("jdbc:postgresql://localhost:" + pg.getPort() + "/" + name, "postgres", null, 2);
    }

    @Override
    protected Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }

    @Test
    void openFailsClearlyWithoutRevealingThePassword() {
        // nothing listens on port 1
        DatabaseConfig unreachable = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/hemowatch?password=hunter2",
                "hemowatch", "s3cret", 1);

        assertThatThrownBy(() -> Database.open(unreachable)).isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/hemowatch")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("s3cret");
        assertThat(unreachable.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
    }

    @Test
    void openFailsForAMissingDatabase() {
        DatabaseConfig missing = new DatabaseConfig("jdbc:postgresql://localhost:" + pg.getPort() + "/no_such_db",
                "postgres", null, 1);

        assertThatThrownBy(() -> Database.open(missing)).isInstanceOf(StoreException.class)
                .hasMessageContaining("no_such_db");
    }
}
