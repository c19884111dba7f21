package org.hemowatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server (embedded, started once for the class; one database per test). */
class PostgresStoreIT extends StoreContract {

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
    @Test
    void writerAndReadersRecoverWhenTheServerDropsTheirConnections() throws Exception {
        write(tx -> {
            DocumentRecords.put(tx, "t", "before", "{}", StoreFixtures.T0);
            return null;
        });
        String database = cfg.url().substring(cfg.url().lastIndexOf('/') + 1);
        try (Connection admin = pg.getPostgresDatabase().getConnection();
             PreparedStatement ps = admin.prepareStatement(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("writer + 2 readers").isEqualTo(3);
            }
        }

        // reads retry once on a fresh connection, so callers do not notice
        for (int i = 0; i < 3; i++) {
            assertThat(db.read((Connection c) -> DocumentRecords.get(c, "t", "before"))).contains("{}");
        }
        // the batch that meets the dead connection fails (nothing is re-run behind the caller's back) ...
        CompletableFuture<Object> lost = writer.submit(tx -> {
            DocumentRecords.put(tx, "t", "lost", "{}", StoreFixtures.T0);
            return null;
        });
        assertThatThrownBy(() -> lost.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
        assertThat(listener.failedBatches).containsExactly(1);
        // ... and the next one runs on a new connection
        write(tx -> {
            DocumentRecords.put(tx, "t", "after", "{}", StoreFixtures.T0);
            return null;
        });
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "t"))).containsOnlyKeys("before", "after");
    }
}
